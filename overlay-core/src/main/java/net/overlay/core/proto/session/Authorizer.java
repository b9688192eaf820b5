package net.overlay.core.proto.session;

import java.util.Objects;
import net.overlay.core.proto.wire.Bytes;

/**
 * Decides whether a responder answers a handshake. Called by {@link SessionEndpoint} once the
 * first handshake message has authenticated the initiator's static key, with the application
 * payload the initiator sent in it (a connection ticket and grant toward a device, a registration
 * toward a rendezvous node: opaque to the session). A rejection makes the responder send nothing at
 * all (cloaking, docs/traversal.md). Called on the endpoint's thread; must not block.
 */
@FunctionalInterface
public interface Authorizer {

    /**
     * @param nowNs the endpoint's clock
     * @param remoteStatic the initiator's X25519 static public key, authenticated by Noise
     * @param payload the initiator's first-message payload
     */
    Decision authorize(long nowNs, Bytes remoteStatic, Bytes payload);

    /** The answer. */
    sealed interface Decision {
    }

    /** Answer the handshake, carrying {@code responsePayload} in the second message. */
    record Accept(Bytes responsePayload) implements Decision {
        public Accept {
            Objects.requireNonNull(responsePayload, "responsePayload");
        }
    }

    /** Stay silent; {@code reason} is for counters and logs only, never sent. */
    record Reject(String reason) implements Decision {
        public Reject {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Accepts every authenticated initiator with an empty answer: for tests and open services. */
    static Authorizer acceptAll() {
        return (nowNs, key, payload) -> new Accept(Bytes.EMPTY);
    }
}
