package net.overlay.lab.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The input format of the stateful targets: a sequence of steps, each a control byte, a 16-bit
 * big-endian length and that many bytes (cut short at the end of the input). The control byte's
 * bits are for the target to interpret (which socket, which sender, how far the clock moves).
 * A plain format rather than Jazzer's {@code FuzzedDataProvider} so that seed inputs can be
 * written by hand from genuine datagrams ({@link #step}).
 */
final class Script {
    /** One step: the control byte and the datagram. */
    record Step(int control, byte[] datagram) {}

    private final byte[] data;
    private int pos;

    Script(byte[] data) {
        this.data = data;
    }

    /** The next step, or null at the end. */
    Step next() {
        if (pos + 3 > data.length) {
            return null;
        }
        int control = data[pos] & 0xFF;
        int len = ((data[pos + 1] & 0xFF) << 8) | (data[pos + 2] & 0xFF);
        pos += 3;
        int take = Math.min(len, data.length - pos);
        byte[] datagram = Arrays.copyOfRange(data, pos, pos + take);
        pos += take;
        return new Step(control, datagram);
    }

    /** Encodes steps for seed inputs: alternating control bytes (Integer) and datagrams (byte[]). */
    static byte[] of(Object... controlsAndDatagrams) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < controlsAndDatagrams.length; i += 2) {
            step(out, (Integer) controlsAndDatagrams[i], (byte[]) controlsAndDatagrams[i + 1]);
        }
        return out.toByteArray();
    }

    static void step(ByteArrayOutputStream out, int control, byte[] datagram) {
        out.write(control);
        out.write(datagram.length >>> 8);
        out.write(datagram.length);
        out.write(datagram, 0, datagram.length);
    }
}
