package net.overlay.core.proto.rendezvous;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.signal.Candidate;
import net.overlay.core.proto.signal.NatSummary;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.wire.Bytes;

/**
 * What a {@link Broker} in a cluster tells its host, polled with {@link Broker#pollRouting()} once
 * routing is on ({@link Broker#enableRouting}): where its devices are, and connect requests for
 * devices registered on some other node. The host (the cluster node) publishes presence to the
 * device registry and carries forwarded connects to the device's home node, whose broker answers
 * with {@link Broker#onRemoteConnect}; the answer comes back through {@link Broker#onRemoteAnswer}
 * (or {@link Broker#onRemoteMiss} when no node has the device).
 *
 * <p>Why forwarding rather than a redirect: the client keeps its one session with whichever node it
 * reached (no second handshake, no client change), the relay is allocated on the home node where the
 * device's session already proves its mapping, and the device's offer goes out on that session.
 */
public sealed interface Routing {

    /**
     * Device {@code device} is registered here: first registration ({@code fresh}) or a periodic
     * refresh while its keepalives arrive.
     */
    record DevicePresent(DeviceId device, InetSocketAddress observed, List<Candidate> candidates, NatSummary nat,
            boolean fresh) implements Routing {
        public DevicePresent {
            Objects.requireNonNull(device, "device");
            candidates = List.copyOf(candidates);
        }
    }

    /** Device {@code device} is no longer registered here (its session closed or went quiet). */
    record DeviceGone(DeviceId device) implements Routing {}

    /** A connect for a device not registered here; answer with {@link Broker#onRemoteAnswer}. */
    record ForwardConnect(long forwardId, DeviceId device, RemoteConnect request) implements Routing {}

    /**
     * A client's connect as its own node saw it: who the client is (its key was bound to its session
     * by the handshake there), the address that node observed, and the request itself.
     */
    record RemoteConnect(PeerId client, Bytes clientStaticKey, InetSocketAddress clientObserved, Signal.Connect connect) {
        public RemoteConnect {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(clientStaticKey, "clientStaticKey");
            Objects.requireNonNull(clientObserved, "clientObserved");
            Objects.requireNonNull(connect, "connect");
        }
    }

    /**
     * Routing tunables.
     *
     * @param forwardTimeoutNs a forwarded connect with no answer by then is refused as
     *     {@code DEVICE_OFFLINE} (the home node may have died)
     * @param refreshNs how often a registered device's presence is published again while its
     *     keepalives arrive; below the registry's expiry, so live devices never expire there
     */
    record Settings(long forwardTimeoutNs, long refreshNs) {
        public static final Settings DEFAULT = new Settings(3_000_000_000L, 60_000_000_000L);

        public Settings {
            if (forwardTimeoutNs <= 0 || refreshNs <= 0) {
                throw new IllegalArgumentException("routing intervals must be positive");
            }
        }
    }
}
