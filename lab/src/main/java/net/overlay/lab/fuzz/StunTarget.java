package net.overlay.lab.fuzz;

import java.util.List;
import net.overlay.core.proto.stun.StunCodec;
import net.overlay.core.proto.stun.StunException;
import net.overlay.core.proto.stun.StunIntegrity;
import net.overlay.core.proto.stun.StunKey;
import net.overlay.core.proto.stun.StunMessage;
import net.overlay.core.proto.stun.TransactionId;

/**
 * The STUN codec (RFC 8489) and its integrity and fingerprint checks: any input ends in a message
 * or a {@link StunException}; a message that decodes encodes again and decodes to the same message.
 */
public final class StunTarget {
    private static final StunKey KEY = StunKey.shortTerm("fuzz");

    private StunTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        StunMessage m;
        try {
            m = StunCodec.decode(data, 0, data.length);
        } catch (StunException expected) {
            return;
        }
        StunIntegrity.checkFingerprint(data, 0, data.length);
        StunIntegrity.checkIntegrity(data, 0, data.length, KEY);
        StunIntegrity.checkIntegritySha256(data, 0, data.length, KEY);
        byte[] again = StunCodec.encode(m);
        try {
            StunMessage back = StunCodec.decode(again, 0, again.length);
            InvariantViolation.check(back.equals(m), "re-encoded STUN message decodes differently: " + m + " vs " + back);
        } catch (StunException e) {
            throw new InvariantViolation("a decoded STUN message does not decode after re-encoding: " + e.getMessage());
        }
    }

    static List<byte[]> seeds() {
        byte[] id = new byte[12];
        return List.of(StunCodec.encode(StunMessage.bindingRequest(new TransactionId(net.overlay.core.proto.wire.Bytes.of(id)), List.of())));
    }
}
