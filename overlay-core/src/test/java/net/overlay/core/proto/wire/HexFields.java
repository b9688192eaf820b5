package net.overlay.core.proto.wire;

import java.util.HexFormat;

/** Golden vectors written one field per argument, so each field can carry its own comment. */
final class HexFields {
    private static final HexFormat HEX = HexFormat.of();

    private HexFields() {
    }

    static byte[] hex(String... fields) {
        return HEX.parseHex(String.join("", fields).replace(" ", ""));
    }

    static Bytes bytes(String... fields) {
        return Bytes.wrapOwned(hex(fields));
    }

    static String toHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** {@code n} bytes counting up from {@code first}, as hex. */
    static String counting(int first, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", (first + i) & 0xff));
        }
        return sb.toString();
    }
}
