package net.overlay.core.proto.identity;

/**
 * What a {@link Grant} lets its holder do, with its wire code. A device enforces only the services;
 * the role tells the rendezvous whether the holder may also manage the device's grants.
 */
public enum Role {
    /** May open tunnels to the granted services. */
    USER(1),
    /** As {@link #USER}, and may manage the device's grants on the owner's behalf. */
    ADMIN(2);

    private final int code;

    Role(int code) {
        this.code = code;
    }

    /** The byte on the wire. */
    public int code() {
        return code;
    }

    /** The role with wire code {@code code}, or {@code null} if there is none. */
    public static Role fromCode(int code) {
        for (Role r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
