package net.overlay.core.proto.identity;

/**
 * RFC 4648 section 6 base32, lowercase, without padding: the text form of {@link PeerId}. Decoding
 * accepts either case but insists on the canonical form (unused trailing bits zero), so that one
 * key has exactly one accepted spelling.
 */
final class Base32 {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Base32() {}

    /** Characters needed for {@code bytes} bytes: ceil(8 * bytes / 5). */
    static int encodedLength(int bytes) {
        return (bytes * 8 + 4) / 5;
    }

    static String encode(byte[] data) {
        StringBuilder sb = new StringBuilder(encodedLength(data.length));
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                sb.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }

    /**
     * Decodes exactly {@code expectedBytes} bytes from {@code text}.
     *
     * @throws IllegalArgumentException on a wrong length, a character outside the alphabet, or
     *     non-zero unused trailing bits
     */
    static byte[] decode(String text, int expectedBytes) {
        if (text.length() != encodedLength(expectedBytes)) {
            throw new IllegalArgumentException("expected " + encodedLength(expectedBytes)
                    + " base32 characters, got " + text.length());
        }
        byte[] out = new byte[expectedBytes];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            buffer = (buffer << 5) | value(text.charAt(i));
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("non-canonical base32: unused trailing bits are not zero");
        }
        return out;
    }

    private static int value(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        throw new IllegalArgumentException("not a base32 character: '" + c + "'");
    }
}
