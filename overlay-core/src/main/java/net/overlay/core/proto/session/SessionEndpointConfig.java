package net.overlay.core.proto.session;

import java.util.Objects;
import net.overlay.core.proto.noise.DhFunction;

/**
 * Tunables of a {@link SessionEndpoint}: how many sessions it holds, how hard a stranger may push
 * handshakes at it, how long it remembers initiations (replay screening). Our choices; validated.
 *
 * @param session the tunables every session of the endpoint gets
 * @param maxSessions sessions held at once, any state
 * @param maxHalfOpen responder sessions that answered but have not yet heard an authentic packet
 * @param initiationsPerSecondPerSource handshake initiations one source IP may make us process per
 *     second (token bucket; the Diffie-Hellman work is what it protects)
 * @param initiationBurst the bucket's depth
 * @param trackedSources source IPs the rate limiter remembers (least recently seen forgotten first)
 * @param replayCacheNs how long an initiation's ephemeral key is remembered to refuse replays
 * @param replayCacheEntries how many are remembered at most (oldest forgotten first)
 * @param dh the handshakes' Diffie-Hellman function: X25519, or in the simulator and only there,
 *     {@link DhFunction#SIMULATED} (insecure; a study of behaviour at scale, docs/simulator.md)
 */
public record SessionEndpointConfig(
        SessionTuning session,
        int maxSessions,
        int maxHalfOpen,
        int initiationsPerSecondPerSource,
        int initiationBurst,
        int trackedSources,
        long replayCacheNs,
        int replayCacheEntries,
        DhFunction dh) {

    /** Defaults for deployment. */
    public static final SessionEndpointConfig DEFAULT = new SessionEndpointConfig(
            SessionTuning.DEFAULT, 65_536, 1024, 10, 20, 4096, 180_000_000_000L, 65_536);

    /** Device agents and clients: fewer sessions than a rendezvous, room to punch in each. */
    public static final SessionEndpointConfig AGENT = DEFAULT.withSession(SessionTuning.DEFAULT.forPunching());

    public SessionEndpointConfig {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(dh, "dh");
        if (maxSessions < 1 || maxHalfOpen < 1 || maxHalfOpen > maxSessions) {
            throw new IllegalArgumentException("need 1 <= maxHalfOpen <= maxSessions");
        }
        if (initiationsPerSecondPerSource < 1 || initiationBurst < 1 || trackedSources < 1) {
            throw new IllegalArgumentException("rate limits and trackedSources must be >= 1");
        }
        if (replayCacheNs <= 0 || replayCacheEntries < 1) {
            throw new IllegalArgumentException("replayCacheNs and replayCacheEntries must be positive");
        }
    }

    /** With X25519, the deployment's only DH function. */
    public SessionEndpointConfig(SessionTuning session, int maxSessions, int maxHalfOpen,
            int initiationsPerSecondPerSource, int initiationBurst, int trackedSources, long replayCacheNs,
            int replayCacheEntries) {
        this(session, maxSessions, maxHalfOpen, initiationsPerSecondPerSource, initiationBurst, trackedSources,
                replayCacheNs, replayCacheEntries, DhFunction.X25519);
    }

    /** A copy with other session tunables. */
    public SessionEndpointConfig withSession(SessionTuning tuning) {
        return new SessionEndpointConfig(tuning, maxSessions, maxHalfOpen, initiationsPerSecondPerSource,
                initiationBurst, trackedSources, replayCacheNs, replayCacheEntries, dh);
    }

    /** A copy whose handshakes use {@code function} (the simulator's {@link DhFunction#SIMULATED}). */
    public SessionEndpointConfig withDh(DhFunction function) {
        return new SessionEndpointConfig(session, maxSessions, maxHalfOpen, initiationsPerSecondPerSource,
                initiationBurst, trackedSources, replayCacheNs, replayCacheEntries, function);
    }
}
