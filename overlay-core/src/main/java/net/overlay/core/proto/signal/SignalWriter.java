package net.overlay.core.proto.signal;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.overlay.core.proto.wire.BigEndian;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Varint;

/** A growable buffer for encoding signalling messages (control traffic: not a per-packet path). */
final class SignalWriter {
    private byte[] buf = new byte[128];
    private int pos;

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    SignalWriter u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    SignalWriter u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    SignalWriter u64(long v) {
        ensure(8);
        BigEndian.putLong(buf, pos, v);
        pos += 8;
        return this;
    }

    SignalWriter varint(long v) {
        ensure(8);
        pos = Varint.encode(v, buf, pos);
        return this;
    }

    SignalWriter raw(Bytes b) {
        ensure(b.length());
        pos += b.copyTo(buf, pos);
        return this;
    }

    /** Varint length, then the bytes. */
    SignalWriter bytes(Bytes b) {
        return varint(b.length()).raw(b);
    }

    SignalWriter string(String s) {
        return bytes(Bytes.wrapOwned(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Family (4 or 6), address bytes, port. */
    SignalWriter address(InetSocketAddress a) {
        byte[] ip = a.getAddress().getAddress();
        u8(a.getAddress() instanceof Inet4Address ? 4 : 6);
        ensure(ip.length);
        System.arraycopy(ip, 0, buf, pos, ip.length);
        pos += ip.length;
        return u16(a.getPort());
    }

    Bytes toBytes() {
        return Bytes.of(buf, 0, pos);
    }
}
