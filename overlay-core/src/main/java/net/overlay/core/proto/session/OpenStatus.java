package net.overlay.core.proto.session;

/**
 * What {@link PacketOpener#open} did with a datagram. Everything but {@link #ACCEPTED} is a drop,
 * and each kind of drop has its own counter on the opener.
 */
public enum OpenStatus {
    /** Authentic and fresh: the plaintext is in the output buffer. */
    ACCEPTED,
    /** Not a Transport packet of this session: too short, wrong type or version, another receiver index. */
    MALFORMED,
    /** A packet number already accepted: a replay or a network duplicate. */
    DUPLICATE,
    /** A packet number too far behind the highest accepted to be checked for replay. */
    TOO_OLD,
    /** The tag did not verify: forged, corrupted, or sealed under another key. */
    FORGED,
    /** A packet number at or past the key's limit: no honest sender uses it. */
    EXHAUSTED
}
