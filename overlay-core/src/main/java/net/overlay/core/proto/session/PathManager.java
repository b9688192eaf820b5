package net.overlay.core.proto.session;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.spi.RandomSource;

/**
 * A session's paths: at most {@code maxDirectPaths} direct ones and one relay path; which is
 * active; path validation by PathChallenge/PathResponse (RFC 9000 8.2 in spirit, but a response
 * must come back on the path the challenge went out on, which proves both directions through the
 * NATs); migration toward a direct path the peer moved to (RFC 9000 9.3); fallback to the relay when
 * the active direct path goes silent (docs/traversal.md step 7). It decides; the {@link Listener}
 * (the session) sends and reports. Not thread-safe.
 */
final class PathManager {

    /** What the manager asks of its session. */
    interface Listener {
        /** Send a sealed packet with a PathChallenge carrying {@code data} on {@code path}. */
        void sendChallenge(long nowNs, PathState path, long data);

        void validated(long nowNs, PathState path, long rttNs);

        /** {@code path} became the active path; {@code previous} may be null. */
        void activated(long nowNs, PathState previous, PathState path);
    }

    private final SessionTuning tuning;
    private final RandomSource random;
    private final Listener listener;
    /** When the session began: the probe budget starts full as of then. */
    private final long createdNs;
    /** Made at the first probe: most sessions of a rendezvous never probe. */
    private TokenBucket probeBudget;
    /** Sized for the common case of one direct path; grows for punching. */
    private final List<PathState> direct = new ArrayList<>(1);
    private PathState relay;
    private PathState active;
    /** Where the peer's latest non-probing packet came from: the path it has chosen. */
    private PathState peerPath;

    PathManager(SessionTuning tuning, RandomSource random, Listener listener, long nowNs) {
        this.tuning = tuning;
        this.random = random;
        this.listener = listener;
        this.createdNs = nowNs;
    }

    PathState active() {
        return active;
    }

    PathState relay() {
        return relay;
    }

    /** Every known path, relay last. */
    List<PathState> all() {
        List<PathState> all = new ArrayList<>(direct);
        if (relay != null) {
            all.add(relay);
        }
        return all;
    }

    PathState find(Path path) {
        if (relay != null && relay.path.equals(path)) {
            return relay;
        }
        for (PathState ps : direct) {
            if (ps.path.equals(path)) {
                return ps;
            }
        }
        return null;
    }

    /**
     * The state of {@code path}, added if new: a relayed path replaces the relay path, a direct one
     * takes a free slot or the slot of the stalest idle path. Null when every slot is busy.
     */
    PathState getOrAdd(Path path, long nowNs) {
        PathState ps = find(path);
        if (ps != null) {
            return ps;
        }
        ps = new PathState(path, nowNs);
        if (!path.isDirect()) {
            PathState previous = relay;
            relay = ps;
            ps.validated = true;
            if (previous != null && previous == active) {
                activate(nowNs, ps);
            }
            return ps;
        }
        if (direct.size() >= tuning.maxDirectPaths() && !evictOne()) {
            return null;
        }
        direct.add(ps);
        return ps;
    }

    private boolean evictOne() {
        PathState victim = null;
        for (PathState ps : direct) {
            if (ps != active && !ps.isProbing() && (victim == null || ps.lastReceiveNs < victim.lastReceiveNs)) {
                victim = ps;
            }
        }
        if (victim == peerPath) {
            peerPath = null;
        }
        return victim != null && direct.remove(victim);
    }

    /** Makes {@code ps} active if it is not. */
    void activate(long nowNs, PathState ps) {
        if (ps == active) {
            return;
        }
        PathState previous = active;
        active = ps;
        // A grace period: a path is not declared dead for silence from before it was active.
        ps.lastReceiveNs = Math.max(ps.lastReceiveNs, nowNs);
        listener.activated(nowNs, previous, ps);
    }

    /** Starts a probing round on {@code ps} unless one is under way; the first challenge goes out now. */
    void startProbing(long nowNs, PathState ps) {
        if (ps.isProbing()) {
            return;
        }
        byte[] challengeBytes = new byte[8];
        random.nextKeyBytes(challengeBytes);
        long data = 0;
        for (byte b : challengeBytes) {
            data = (data << 8) | (b & 0xFF);
        }
        PathState.Probe p = ps.probe();
        p.challengeData = data;
        p.probing = true;
        p.probeDeadlineNs = nowNs + tuning.probeWindowNs();
        p.nextProbeNs = nowNs;
        probeDue(nowNs, ps);
    }

    /** An authentic packet carried a PathResponse on {@code path}. */
    void onResponse(long nowNs, Path path, long data) {
        PathState ps = find(path);
        // RFC 9000 8.2.2 accepts a response on any path; we insist on the challenged one, since the
        // point is to prove that both directions through both NATs work.
        if (ps == null || !ps.isProbing() || ps.probe().challengeData != data) {
            return;
        }
        // Measured from the latest challenge, which may not be the one answered: exact when one
        // challenge was in flight, a lower bound when earlier ones were too.
        long rttNs = nowNs - ps.probe().lastChallengeNs;
        // No round under way and no retry due: the probing state goes.
        ps.clearProbe();
        ps.validated = true;
        ps.lastReceiveNs = nowNs;
        listener.validated(nowNs, ps, rttNs);
        if (shouldActivate(ps)) {
            activate(nowNs, ps);
        }
    }

    /** A validated path becomes active when it beats the active one: direct over relay, or the peer's choice. */
    private boolean shouldActivate(PathState ps) {
        if (active == null || !active.validated) {
            return true;
        }
        return ps.path.isDirect() && (!active.path.isDirect() || ps == peerPath);
    }

    /**
     * The peer sent a non-probing packet with its highest packet number so far on {@code ps}: it
     * uses that path (RFC 9000 9.3). Follow it to a direct path once validated; never follow it to
     * the relay: only our own liveness check moves us there.
     */
    void onPeerUsing(long nowNs, PathState ps) {
        peerPath = ps;
        if (ps == active || !ps.path.isDirect()) {
            return;
        }
        if (ps.validated) {
            activate(nowNs, ps);
        } else {
            startProbing(nowNs, ps);
        }
    }

    /** Runs probes, retries and the liveness check that are due. */
    void service(long nowNs) {
        for (PathState ps : all()) {
            PathState.Probe p = ps.probeOrNull();
            if (p == null) {
                continue;
            }
            if (p.probing && p.nextProbeNs <= nowNs) {
                probeDue(nowNs, ps);
            }
            if (!p.probing && p.retriesLeft > 0 && p.nextRetryNs <= nowNs) {
                p.retriesLeft--;
                p.nextRetryNs = p.retriesLeft > 0 ? nowNs + tuning.directRetryIntervalNs() : Long.MAX_VALUE;
                startProbing(nowNs, ps);
            }
        }
        if (active != null && active.path.isDirect() && relay != null
                && nowNs - active.lastReceiveNs >= tuning.pathTimeoutNs()) {
            fallBack(nowNs);
        }
    }

    private void probeDue(long nowNs, PathState ps) {
        PathState.Probe p = ps.probe();
        if (nowNs >= p.probeDeadlineNs) {
            p.probing = false;
            p.nextProbeNs = Long.MAX_VALUE;
            return;
        }
        p.nextProbeNs = nowNs + tuning.probeIntervalNs();
        // Over budget: skip this round's challenge, the next interval tries again.
        if (probeBudget == null) {
            probeBudget = new TokenBucket(tuning.probesPerSecond(), tuning.probesPerSecond(), createdNs);
        }
        if (probeBudget.tryTake(nowNs)) {
            p.lastChallengeNs = nowNs;
            listener.sendChallenge(nowNs, ps, p.challengeData);
        }
    }

    /** The active direct path went silent: the relay takes over; the direct path is retried now and then. */
    private void fallBack(long nowNs) {
        PathState lost = active;
        lost.validated = false;
        lost.probe().retriesLeft = tuning.directRetries();
        lost.probe().nextRetryNs = nowNs + tuning.directRetryIntervalNs();
        activate(nowNs, relay);
    }

    /** The earliest moment {@link #service} has something to do. */
    long nextTimeoutNs() {
        long next = Long.MAX_VALUE;
        for (PathState ps : direct) {
            next = Math.min(next, deadline(ps));
        }
        if (relay != null) {
            next = Math.min(next, deadline(relay));
        }
        if (active != null && active.path.isDirect() && relay != null) {
            next = Math.min(next, saturatedAdd(active.lastReceiveNs, tuning.pathTimeoutNs()));
        }
        return next;
    }

    private static long deadline(PathState ps) {
        PathState.Probe p = ps.probeOrNull();
        if (p == null) {
            return Long.MAX_VALUE;
        }
        long next = p.probing ? p.nextProbeNs : Long.MAX_VALUE;
        return p.retriesLeft > 0 && !p.probing ? Math.min(next, p.nextRetryNs) : next;
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
