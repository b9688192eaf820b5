package net.overlay.core.proto.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Network byte order reads and writes on arrays, without bounds beyond the array's own. Used by the
 * codecs here and by the session's per-packet header code.
 */
public final class BigEndian {
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private BigEndian() {
    }

    public static int getInt(byte[] buf, int off) {
        return (int) INT.get(buf, off);
    }

    public static long getLong(byte[] buf, int off) {
        return (long) LONG.get(buf, off);
    }

    public static void putInt(byte[] buf, int off, int value) {
        INT.set(buf, off, value);
    }

    public static void putLong(byte[] buf, int off, long value) {
        LONG.set(buf, off, value);
    }
}
