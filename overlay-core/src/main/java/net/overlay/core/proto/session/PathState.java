package net.overlay.core.proto.session;

/**
 * What a session knows about one {@link Path}: validation, and when something last went out and
 * came in on it; the probing state only while the path is probed or waits for a retry, since most
 * paths (every device's one path to its rendezvous) never are (docs/node.md). Mutable; owned by
 * {@link PathManager}.
 */
final class PathState {
    /** Probing rounds of a path: the one under way, and the retries after a fallback. */
    static final class Probe {
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
    }

    final Path path;
    boolean validated;
    /** Last authentic packet on this path (or the moment it became active, as a grace period). */
    long lastReceiveNs;
    long lastSendNs;
    /** Null while the path is neither probed nor waiting for a retry. */
    private Probe probe;

    PathState(Path path, long nowNs) {
        this.path = path;
        this.lastReceiveNs = nowNs;
        this.lastSendNs = nowNs;
    }

    boolean isProbing() {
        return probe != null && probe.probing;
    }

    /** The probing state, made on first use. */
    Probe probe() {
        if (probe == null) {
            probe = new Probe();
        }
        return probe;
    }

    /** The probing state, or null when there is none. */
    Probe probeOrNull() {
        return probe;
    }

    /** Forgets the probing state (the path validated: no round under way, no retry due). */
    void clearProbe() {
        probe = null;
    }

    @Override
    public String toString() {
        return path + (validated ? " validated" : "") + (isProbing() ? " probing" : "");
    }
}
