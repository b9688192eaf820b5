package net.overlay.core.proto.signal;

/** Control-frame kinds of the signalling messages. Codes are part of the wire format: never reuse one. */
public enum SignalKind {
    HELLO(1),
    REGISTER(2),
    REGISTERED(3),
    KEEPALIVE(4),
    KEEPALIVE_ACK(5),
    CONNECT(6),
    OFFER(7),
    OFFER_ACK(8),
    ANSWER(9),
    REFUSED(10),
    PUNCH_SYNC(11),
    ACCESS_REQUEST(12),
    ACCESS_GRANTED(13),
    PUNCH_REPORT(14),
    BIRTHDAY_READY(15);

    private final int code;

    SignalKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The kind with {@code code}, or null. */
    public static SignalKind fromCode(long code) {
        for (SignalKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
