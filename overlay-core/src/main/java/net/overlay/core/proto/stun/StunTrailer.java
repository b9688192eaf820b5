package net.overlay.core.proto.stun;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link StunCodec#encode(StunMessage, StunTrailer)} appends after the message's own
 * attributes, in the order RFC 8489 fixes: MESSAGE-INTEGRITY (14.5), MESSAGE-INTEGRITY-SHA256
 * (14.6, full 32 bytes), FINGERPRINT (14.7).
 */
public record StunTrailer(Optional<StunKey> integrity, Optional<StunKey> integritySha256, boolean fingerprint) {
    /** Nothing appended. */
    public static final StunTrailer NONE = new StunTrailer(Optional.empty(), Optional.empty(), false);
    /** FINGERPRINT only. */
    public static final StunTrailer FINGERPRINT = new StunTrailer(Optional.empty(), Optional.empty(), true);

    public StunTrailer {
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(integritySha256, "integritySha256");
    }

    /** MESSAGE-INTEGRITY (HMAC-SHA1) with {@code key}, then FINGERPRINT if asked. */
    public static StunTrailer integrity(StunKey key, boolean fingerprint) {
        return new StunTrailer(Optional.of(key), Optional.empty(), fingerprint);
    }

    /** MESSAGE-INTEGRITY-SHA256 with {@code key}, then FINGERPRINT if asked. */
    public static StunTrailer integritySha256(StunKey key, boolean fingerprint) {
        return new StunTrailer(Optional.empty(), Optional.of(key), fingerprint);
    }
}
