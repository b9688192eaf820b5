package net.overlay.core.proto.identity;

import java.nio.charset.StandardCharsets;

/**
 * The kinds of signed statement, with their wire code and their signing context. The context string
 * is prefixed to what is signed (domain separation), so a signature made for one kind can never
 * verify as another, even if the bodies happened to coincide. Every context ends with a zero byte
 * and holds no other, so no context is a prefix of another.
 */
enum StatementKind {
    DEVICE_CERTIFICATE(1, "overlay/v1/device-certificate"),
    CONNECTION_TICKET(2, "overlay/v1/connection-ticket"),
    GRANT(3, "overlay/v1/grant");

    private final int code;
    private final byte[] context;

    StatementKind(int code, String context) {
        this.code = code;
        byte[] text = context.getBytes(StandardCharsets.US_ASCII);
        this.context = java.util.Arrays.copyOf(text, text.length + 1);
    }

    /** The kind byte on the wire. */
    int code() {
        return code;
    }

    /** Length of the bytes signed in front of the statement: the context string and a zero byte. */
    int contextLength() {
        return context.length;
    }

    void copyContext(byte[] dst) {
        System.arraycopy(context, 0, dst, 0, context.length);
    }
}
