package net.overlay.lab.fuzz;

import java.util.List;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.SignalCodec;
import net.overlay.core.proto.signal.SignalException;
import net.overlay.core.proto.wire.Bytes;

/**
 * The signalling codec (Control-frame bodies between agents and the rendezvous): the first byte
 * picks the kind, the rest is the body. Any input ends in a signal or a {@link SignalException};
 * a signal that decodes encodes again to a body that decodes to an equal signal.
 */
public final class SignalTarget {
    private SignalTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length == 0) {
            return;
        }
        long kind = data[0] & 0x0F;
        Signal s;
        try {
            s = SignalCodec.decode(kind, data, 1, data.length - 1);
        } catch (SignalException expected) {
            return;
        }
        Bytes again = SignalCodec.encode(s);
        try {
            Signal back = SignalCodec.decode(kind, again);
            InvariantViolation.check(back.equals(s), "re-encoded signal decodes differently: " + s + " vs " + back);
        } catch (SignalException e) {
            throw new InvariantViolation("a decoded signal does not decode after re-encoding: " + e.getMessage());
        }
    }

    static List<byte[]> seeds() {
        return List.of(new byte[] {4, 1}, new byte[] {6, 1});
    }
}
