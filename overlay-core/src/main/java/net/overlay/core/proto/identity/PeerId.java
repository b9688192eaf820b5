package net.overlay.core.proto.identity;

import java.util.Objects;
import net.overlay.core.proto.crypto.Ed25519;
import net.overlay.core.proto.wire.Bytes;

/**
 * The public name of a node (device, client, rendezvous, owner): its 32-byte Ed25519 public key
 * itself, so that whoever knows a peer id can check that peer's signatures without asking anyone.
 *
 * <p>Text form: the key in RFC 4648 base32, lowercase, unpadded: 52 characters of
 * {@code [a-z2-7]}. Base32 rather than base64 because it survives case-folding (DNS names, typing
 * it from a screen) and has no {@code +/-_} that shells or URLs treat specially. Immutable.
 */
public record PeerId(Bytes key) implements Comparable<PeerId> {
    /** Bytes of the key. */
    public static final int KEY_BYTES = Ed25519.PUBLIC_KEY_BYTES;
    /** Characters of the text form. */
    public static final int TEXT_LENGTH = 52;

    public PeerId {
        Objects.requireNonNull(key, "key");
        if (key.length() != KEY_BYTES) {
            throw new IllegalArgumentException("a peer id is a " + KEY_BYTES + "-byte Ed25519 key, got "
                    + key.length() + " bytes");
        }
    }

    /** The peer id of {@code ed25519PublicKey} (copied). */
    public static PeerId of(byte[] ed25519PublicKey) {
        return new PeerId(Bytes.of(ed25519PublicKey));
    }

    /**
     * Parses the 52-character text form (either case).
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static PeerId parse(String text) {
        try {
            return new PeerId(Bytes.wrapOwned(Base32.decode(text.strip(), KEY_BYTES)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a peer id: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} is this peer's signature of {@code message[off..off+len)}. */
    public boolean verifies(byte[] message, int off, int len, byte[] signature) {
        return Ed25519.verify(key.toArray(), message, off, len, signature);
    }

    /** The 52-character text form. */
    public String text() {
        return Base32.encode(key.toArray());
    }

    @Override
    public int compareTo(PeerId o) {
        return key.compareTo(o.key);
    }

    @Override
    public String toString() {
        return text();
    }
}
