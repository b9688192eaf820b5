package net.overlay.cluster.store;

import java.util.Locale;

/** What a stored user may do: administer the service, or only own devices and hold grants. */
public enum UserRole {
    /** May call the admin API (and own devices). */
    ADMIN,
    /** May own devices and hold grants; may not call the admin API. */
    USER;

    /** The lowercase name used in JSON and on the command line. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role named {@code text} (either case).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static UserRole parse(String text) {
        if (text != null) {
            for (UserRole r : values()) {
                if (r.name().equalsIgnoreCase(text.strip())) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException(text == null ? "role is missing; use admin or user"
                : "unknown role '" + text + "'; use admin or user");
    }
}
