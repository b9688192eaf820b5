package net.overlay.core.proto.identity;

/**
 * The rule for names carried in statements (device ids, service names): 1 to 63 characters of
 * lowercase ASCII letters, digits, {@code '.'}, {@code '_'} and {@code '-'}, starting with a
 * letter or digit. Narrow on purpose: no look-alike Unicode, no control characters, no spaces,
 * one byte per character on the wire, and a device id still fits a DNS label.
 */
final class Names {
    /** Longest name in characters (and bytes). */
    static final int MAX_LENGTH = 63;

    private Names() {}

    static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
                return false;
            }
        }
        return true;
    }

    /** Returns {@code name}, or throws IllegalArgumentException naming {@code what} and the rule. */
    static String require(String what, String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a valid name: 1-" + MAX_LENGTH
                    + " characters of [a-z0-9._-], starting with a letter or digit");
        }
        return name;
    }
}
