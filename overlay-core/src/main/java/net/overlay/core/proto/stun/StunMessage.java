package net.overlay.core.proto.stun;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded STUN message (RFC 8489 5): class, 12-bit method, transaction id, and the attributes
 * in wire order. Duplicates are kept; RFC 8489 14 says only the first of a type matters, which is
 * what {@link #find} returns. Immutable and thread-safe.
 *
 * <p>Built by {@link StunCodec#decode} or by hand for encoding; MESSAGE-INTEGRITY and FINGERPRINT
 * are normally added by {@link StunCodec#encode(StunMessage, StunTrailer)} rather than listed.
 */
public record StunMessage(
        StunClass messageClass, int method, TransactionId transactionId, List<StunAttribute> attributes) {

    public StunMessage {
        Objects.requireNonNull(messageClass, "messageClass");
        Objects.requireNonNull(transactionId, "transactionId");
        if (method < 0 || method > StunConstants.MAX_METHOD) {
            throw new IllegalArgumentException("method must fit 12 bits: " + method);
        }
        attributes = List.copyOf(attributes);
    }

    /** A Binding request with the given attributes. */
    public static StunMessage bindingRequest(TransactionId id, List<StunAttribute> attributes) {
        return new StunMessage(StunClass.REQUEST, StunConstants.METHOD_BINDING, id, attributes);
    }

    public StunHeader header() {
        return new StunHeader(messageClass, method, transactionId);
    }

    /** The first attribute of that record type, if any (RFC 8489 14: later duplicates are ignored). */
    public <T extends StunAttribute> Optional<T> find(Class<T> kind) {
        for (StunAttribute a : attributes) {
            if (kind.isInstance(a)) {
                return Optional.of(kind.cast(a));
            }
        }
        return Optional.empty();
    }

    /** A copy with one more attribute at the end. */
    public StunMessage with(StunAttribute attribute) {
        var list = new ArrayList<>(attributes);
        list.add(attribute);
        return new StunMessage(messageClass, method, transactionId, list);
    }
}
