package net.overlay.core.proto.agent;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.session.SessionEndpointConfig;
import net.overlay.core.proto.traversal.DiscoveryConfig;
import net.overlay.core.proto.traversal.KeepalivePolicy;
import net.overlay.core.proto.traversal.PunchConfig;
import net.overlay.core.proto.wire.Bytes;

/**
 * What a device agent or a client needs to know to reach the rendezvous and punch.
 *
 * @param identity our keys
 * @param rendezvous the rendezvous's primary address (STUN and overlay)
 * @param rendezvousStaticKey its Noise static key (the IK initiator must know it)
 * @param rendezvousKey its Ed25519 key, which signs connection tickets
 * @param localSockets the addresses of our sockets 0, 1, ... as the host bound them; at least two
 *     (RFC 5780 discovery uses socket 0 for the mapping tests and socket 1 for the filtering tests)
 * @param epochMsAtZeroNs wall-clock milliseconds at {@code nowNs == 0} on the host's clock (tickets and
 *     grants expire in wall time)
 * @param discovery RFC 5780 discovery settings
 * @param punch punching settings
 * @param sessions session settings
 * @param requestRetryNs first retransmission of a rendezvous request (doubles each time)
 * @param requestAttempts sends of a request before the rendezvous is considered lost
 * @param rendezvousFallbacks further nodes of the same rendezvous cluster (same keys): when the
 *     current node is lost the agent tries the next one, round robin (issue #6 failover)
 * @param keepalive the device's keepalive policy (its start interval is the one used until a longer
 *     mapping lifetime is proven)
 */
public record AgentConfig(
        Identity identity,
        InetSocketAddress rendezvous,
        Bytes rendezvousStaticKey,
        PeerId rendezvousKey,
        List<InetSocketAddress> localSockets,
        long epochMsAtZeroNs,
        DiscoveryConfig discovery,
        PunchConfig punch,
        SessionEndpointConfig sessions,
        long requestRetryNs,
        int requestAttempts,
        List<InetSocketAddress> rendezvousFallbacks,
        KeepalivePolicy.Config keepalive) {

    /** One rendezvous node and the default keepalive policy. */
    public AgentConfig(Identity identity, InetSocketAddress rendezvous, Bytes rendezvousStaticKey, PeerId rendezvousKey,
            List<InetSocketAddress> localSockets, long epochMsAtZeroNs, DiscoveryConfig discovery, PunchConfig punch,
            SessionEndpointConfig sessions, long requestRetryNs, int requestAttempts) {
        this(identity, rendezvous, rendezvousStaticKey, rendezvousKey, localSockets, epochMsAtZeroNs, discovery, punch,
                sessions, requestRetryNs, requestAttempts, List.of(), KeepalivePolicy.Config.DEFAULT);
    }

    public AgentConfig {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(rendezvous, "rendezvous");
        Objects.requireNonNull(rendezvousStaticKey, "rendezvousStaticKey");
        Objects.requireNonNull(rendezvousKey, "rendezvousKey");
        localSockets = List.copyOf(localSockets);
        if (localSockets.size() < 2) {
            throw new IllegalArgumentException("need the addresses of at least two local sockets");
        }
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(punch, "punch");
        Objects.requireNonNull(sessions, "sessions");
        if (requestRetryNs <= 0 || requestAttempts < 1) {
            throw new IllegalArgumentException("requestRetryNs must be positive and requestAttempts >= 1");
        }
        rendezvousFallbacks = List.copyOf(rendezvousFallbacks);
        Objects.requireNonNull(keepalive, "keepalive");
    }

    /**
     * Defaults for everything but the identities and addresses. Four sends of a request (0.5, 1, 2
     * and 4 s apart) decide that the rendezvous is lost within 7.5 s: a device then registers again
     * within one keepalive interval and that, well inside the two intervals a node failure allows.
     */
    public static AgentConfig of(Identity identity, InetSocketAddress rendezvous, Bytes rendezvousStaticKey,
            PeerId rendezvousKey, List<InetSocketAddress> localSockets, long epochMsAtZeroNs) {
        return new AgentConfig(identity, rendezvous, rendezvousStaticKey, rendezvousKey, localSockets, epochMsAtZeroNs,
                DiscoveryConfig.DEFAULT, PunchConfig.DEFAULT, SessionEndpointConfig.AGENT, 500_000_000L, 4);
    }

    /** This config with {@code fallbacks} as further rendezvous nodes to fail over to. */
    public AgentConfig withRendezvousFallbacks(List<InetSocketAddress> fallbacks) {
        return new AgentConfig(identity, rendezvous, rendezvousStaticKey, rendezvousKey, localSockets, epochMsAtZeroNs,
                discovery, punch, sessions, requestRetryNs, requestAttempts, fallbacks, keepalive);
    }

    /** This config with another request retry schedule (a faster failover in tests). */
    public AgentConfig withRequestRetry(long retryNs, int attempts) {
        return new AgentConfig(identity, rendezvous, rendezvousStaticKey, rendezvousKey, localSockets, epochMsAtZeroNs,
                discovery, punch, sessions, retryNs, attempts, rendezvousFallbacks, keepalive);
    }

    /** This config with other session-endpoint settings. */
    public AgentConfig withSessions(SessionEndpointConfig endpoint) {
        return new AgentConfig(identity, rendezvous, rendezvousStaticKey, rendezvousKey, localSockets, epochMsAtZeroNs,
                discovery, punch, endpoint, requestRetryNs, requestAttempts, rendezvousFallbacks, keepalive);
    }

    /** This config with another keepalive policy for a device. */
    public AgentConfig withKeepalive(KeepalivePolicy.Config policy) {
        return new AgentConfig(identity, rendezvous, rendezvousStaticKey, rendezvousKey, localSockets, epochMsAtZeroNs,
                discovery, punch, sessions, requestRetryNs, requestAttempts, rendezvousFallbacks, policy);
    }

    /** The rendezvous nodes in failover order: the primary, then the fallbacks. */
    public List<InetSocketAddress> rendezvousNodes() {
        List<InetSocketAddress> all = new java.util.ArrayList<>(1 + rendezvousFallbacks.size());
        all.add(rendezvous);
        all.addAll(rendezvousFallbacks);
        return all;
    }

    /** Wall-clock milliseconds at {@code nowNs}. */
    public long wallMs(long nowNs) {
        return epochMsAtZeroNs + nowNs / 1_000_000L;
    }
}
