package net.overlay.core.proto.signal;

/** Why the rendezvous refused a request. Codes are part of the wire format. */
public enum RefusalCode {
    BAD_REQUEST(1),
    UNKNOWN_DEVICE(2),
    DEVICE_OFFLINE(3),
    NO_GRANT(4),
    UNKNOWN_SERVICE(5),
    REPLAYED(6),
    RATE_LIMITED(7),
    RELAY_UNAVAILABLE(8),
    NOT_REGISTERED(9);

    private final int code;

    RefusalCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The refusal with {@code code}, or null. */
    public static RefusalCode fromCode(int code) {
        for (RefusalCode r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
