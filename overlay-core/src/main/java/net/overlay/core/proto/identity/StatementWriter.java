package net.overlay.core.proto.identity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.overlay.core.proto.wire.BigEndian;
import net.overlay.core.proto.wire.Bytes;

/**
 * Builds the body of a signed statement (version, kind, fields) and signs or checks it with the
 * kind's context in front. Statements are small and built rarely, so this favours clarity over
 * avoiding a copy. Big-endian integers; names as a length byte and ASCII.
 */
final class StatementWriter {
    private final StatementKind kind;
    private byte[] buf = new byte[256];
    private int len;

    StatementWriter(StatementKind kind) {
        this.kind = kind;
        u8(StatementFormat.VERSION);
        u8(kind.code());
    }

    StatementWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    StatementWriter u64(long v) {
        ensure(8);
        BigEndian.putLong(buf, len, v);
        len += 8;
        return this;
    }

    StatementWriter bytes(Bytes b) {
        ensure(b.length());
        len += b.copyTo(buf, len);
        return this;
    }

    StatementWriter key(PeerId id) {
        return bytes(id.key());
    }

    StatementWriter name(String name) {
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        u8(ascii.length);
        ensure(ascii.length);
        System.arraycopy(ascii, 0, buf, len, ascii.length);
        len += ascii.length;
        return this;
    }

    /** The issuer's signature over the context and the body written so far. */
    Bytes sign(Identity issuer) {
        byte[] message = signedMessage();
        return Bytes.wrapOwned(issuer.sign(message, 0, message.length));
    }

    /** Whether {@code signature} is {@code issuer}'s signature over the context and this body. */
    boolean verify(PeerId issuer, Bytes signature) {
        byte[] message = signedMessage();
        return issuer.verifies(message, 0, message.length, signature.toArray());
    }

    /** The full encoding: the body, then the signature. */
    byte[] encodeWith(Bytes signature) {
        byte[] out = Arrays.copyOf(buf, len + signature.length());
        signature.copyTo(out, len);
        return out;
    }

    private byte[] signedMessage() {
        byte[] message = new byte[kind.contextLength() + len];
        kind.copyContext(message);
        System.arraycopy(buf, 0, message, kind.contextLength(), len);
        return message;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
