package net.overlay.core.node.keys;

import net.overlay.core.proto.crypto.Ed25519;
import net.overlay.core.proto.crypto.X25519;

/** The kinds of key file, with the tag written on their first line and their key length. */
public enum KeyType {
    ED25519_PRIVATE("ed25519-private", Ed25519.PRIVATE_KEY_BYTES, true),
    ED25519_PUBLIC("ed25519-public", Ed25519.PUBLIC_KEY_BYTES, false),
    X25519_PRIVATE("x25519-private", X25519.KEY_BYTES, true),
    X25519_PUBLIC("x25519-public", X25519.KEY_BYTES, false);

    private final String tag;
    private final int keyBytes;
    private final boolean secret;

    KeyType(String tag, int keyBytes, boolean secret) {
        this.tag = tag;
        this.keyBytes = keyBytes;
        this.secret = secret;
    }

    /** The type name on the file's first line, e.g. {@code ed25519-private}. */
    public String tag() {
        return tag;
    }

    public int keyBytes() {
        return keyBytes;
    }

    /** Whether the file must be readable by its owner only. */
    public boolean isSecret() {
        return secret;
    }

    /** The type with this tag, or {@code null}. */
    static KeyType fromTag(String tag) {
        for (KeyType t : values()) {
            if (t.tag.equals(tag)) {
                return t;
            }
        }
        return null;
    }
}
