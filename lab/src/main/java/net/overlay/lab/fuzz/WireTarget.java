package net.overlay.lab.fuzz;

import java.util.List;
import net.overlay.core.proto.wire.FrameCodec;
import net.overlay.core.proto.wire.PacketCodec;
import net.overlay.core.proto.wire.Varint;
import net.overlay.core.proto.wire.WireException;

/**
 * The overlay's packet header and frame codecs (docs/wire-format.md): any input ends in a result
 * or a {@link WireException}. The frame decoder sees the input as a decrypted packet payload, which
 * only an authenticated but possibly hostile peer controls.
 */
public final class WireTarget {
    private WireTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            PacketCodec.decode(data);
        } catch (WireException expected) {
            // the codec's own error type: the input is refused, which is the point
        }
        try {
            FrameCodec.decodeAll(data, 0, data.length);
        } catch (WireException expected) {
            // as above
        }
        try {
            Varint.decode(data, 0, data.length);
        } catch (WireException expected) {
            // as above
        }
    }

    /** Seeds: nothing structured is needed, libFuzzer finds the frame types from the comparisons. */
    static List<byte[]> seeds() {
        return List.of(new byte[] {0}, new byte[] {1, 0});
    }
}
