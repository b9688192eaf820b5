package net.overlay.core.proto.session;

/**
 * What a session knows about one {@link Path}: validation, the probing round under way, and when
 * something last went out and came in on it. Mutable; owned by {@link PathManager}.
 */
final class PathState {
    final Path path;
    boolean validated;
    /** A probing round is under way: challenges go out every probe interval until the deadline. */
    boolean probing;
    /** The secret 8 bytes of this round's PathChallenge (sealed, so reusing it within a round is safe). */
    long challengeData;
    long lastChallengeNs = Long.MIN_VALUE;
    long nextProbeNs = Long.MAX_VALUE;
    long probeDeadlineNs;
    /** Probing rounds still allowed after a fallback, and when the next one starts. */
    int retriesLeft;
    long nextRetryNs = Long.MAX_VALUE;
    /** Last authentic packet on this path (or the moment it became active, as a grace period). */
    long lastReceiveNs;
    long lastSendNs;

    PathState(Path path, long nowNs) {
        this.path = path;
        this.lastReceiveNs = nowNs;
        this.lastSendNs = nowNs;
    }

    @Override
    public String toString() {
        return path + (validated ? " validated" : "") + (probing ? " probing" : "");
    }
}
