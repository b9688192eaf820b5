package net.overlay.core.proto.identity;

import java.nio.charset.StandardCharsets;
import net.overlay.core.proto.crypto.Ed25519;
import net.overlay.core.proto.wire.Bytes;

/**
 * Reads a signed statement's fields with every length checked against the bytes that remain, so a
 * hostile input can only ever produce a {@link MalformedStatementException}: never another
 * exception, never an allocation larger than the input.
 */
final class StatementReader {
    private final byte[] in;
    private final int limit;
    private int pos;

    private StatementReader(byte[] in, int limit) {
        this.in = in;
        this.limit = limit;
        this.pos = 2;
    }

    /** Checks the frame (size, version, kind) and positions the reader at the first field. */
    static StatementReader open(byte[] encoded, StatementKind kind) throws MalformedStatementException {
        if (encoded == null) {
            throw new MalformedStatementException("no bytes");
        }
        if (encoded.length < StatementFormat.MIN_BYTES || encoded.length > StatementFormat.MAX_BYTES) {
            throw new MalformedStatementException("statement of " + encoded.length + " bytes; allowed "
                    + StatementFormat.MIN_BYTES + " to " + StatementFormat.MAX_BYTES);
        }
        if ((encoded[0] & 0xFF) != StatementFormat.VERSION) {
            throw new MalformedStatementException("unknown statement version " + (encoded[0] & 0xFF));
        }
        if ((encoded[1] & 0xFF) != kind.code()) {
            throw new MalformedStatementException("statement kind " + (encoded[1] & 0xFF) + ", expected "
                    + kind.code() + " (" + kind + ")");
        }
        return new StatementReader(encoded, encoded.length - Ed25519.SIGNATURE_BYTES);
    }

    int u8() throws MalformedStatementException {
        need(1, "a byte");
        return in[pos++] & 0xFF;
    }

    long u64() throws MalformedStatementException {
        need(8, "a 64-bit integer");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (in[pos++] & 0xFF);
        }
        return v;
    }

    Bytes bytes(int n, String what) throws MalformedStatementException {
        need(n, what);
        Bytes b = Bytes.of(in, pos, n);
        pos += n;
        return b;
    }

    PeerId key(String what) throws MalformedStatementException {
        return new PeerId(bytes(PeerId.KEY_BYTES, what));
    }

    String name(String what) throws MalformedStatementException {
        int n = u8();
        need(n, what);
        String name = new String(in, pos, n, StandardCharsets.US_ASCII);
        pos += n;
        if (!Names.isValid(name)) {
            throw new MalformedStatementException(what + " is not a valid name");
        }
        return name;
    }

    /** Checks that the fields used up the body exactly, then returns the trailing signature. */
    Bytes endAndSignature() throws MalformedStatementException {
        if (pos != limit) {
            throw new MalformedStatementException((limit - pos) + " unexpected bytes after the fields");
        }
        return Bytes.of(in, limit, in.length - limit);
    }

    private void need(int n, String what) throws MalformedStatementException {
        if (n > limit - pos) {
            throw new MalformedStatementException("truncated: " + what + " needs " + n + " bytes, "
                    + (limit - pos) + " left");
        }
    }
}
