package net.overlay.core.proto.traversal;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.random.RandomGenerator;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.session.Session;

/**
 * Carries out one side's {@link PunchPlan} on an established session (docs/traversal.md step 6):
 * low-TTL primes to every target first, so our NAT is open before any peer probe can arrive; then
 * path probes (the session repeats the challenges and validates); and for birthday probing, sealed
 * pings from many sockets (hard side) or to many guessed ports (easy side). A guess that lands makes
 * the peer's session see an authentic packet from a new address, challenge it, and validate it.
 *
 * <p>Driven by its parent machine: {@link #start}, then {@link #handleTimeout} at
 * {@link #pollTimeoutNs}. Stops on its own when the session has a direct path or the plan runs out.
 */
public final class Puncher {
    /** Socket numbers from here on are the birthday sockets of the hard side. */
    public static final int FIRST_BIRTHDAY_SOCKET = 16;
    /** How long the hard side keeps its birthday mappings warm and the easy side keeps guessing. */
    private static final long BIRTHDAY_WINDOW_NS = 5_000_000_000L;
    private static final long BIRTHDAY_RESEND_NS = 1_000_000_000L;

    private final Session session;
    private final PunchPlan plan;
    private final PunchConfig config;
    private final RandomGenerator random;
    private long probeAtNs = DatagramMachine.NO_DEADLINE;
    private long nextBirthdayNs = DatagramMachine.NO_DEADLINE;
    private long birthdayEndNs;
    private int guessesSent;
    private boolean stopped;

    public Puncher(Session session, PunchPlan plan, PunchConfig config, RandomGenerator random) {
        this.session = Objects.requireNonNull(session, "session");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
    }

    public PunchPlan plan() {
        return plan;
    }

    /** Sends the primes now and schedules the probes one probe interval later. */
    public void start(long nowNs) {
        if (plan.relayOnly() || session.isClosed()) {
            stopped = true;
            return;
        }
        int ttl = plan.prime() ? config.primeTtl() : Transmit.DEFAULT_TTL;
        for (InetSocketAddress t : plan.targets()) {
            session.prime(nowNs, 0, t, ttl);
        }
        InetSocketAddress easy = plan.targets().isEmpty() ? null : plan.targets().getFirst();
        for (int k = 0; k < plan.extraSockets() && easy != null; k++) {
            session.prime(nowNs, FIRST_BIRTHDAY_SOCKET + k, easy, ttl);
        }
        probeAtNs = plan.prime() ? nowNs + config.probeIntervalNs() : nowNs;
        if (plan.extraSockets() > 0 || plan.randomProbes() > 0) {
            nextBirthdayNs = probeAtNs;
            birthdayEndNs = probeAtNs + BIRTHDAY_WINDOW_NS;
        }
        if (probeAtNs <= nowNs) {
            handleTimeout(nowNs);
        }
    }

    public void handleTimeout(long nowNs) {
        if (stopped) {
            return;
        }
        if (session.isClosed() || session.activePath() != null && session.activePath().isDirect()) {
            stop();
            return;
        }
        if (probeAtNs <= nowNs) {
            for (InetSocketAddress t : plan.targets()) {
                session.probe(nowNs, 0, t);
            }
            probeAtNs = DatagramMachine.NO_DEADLINE;
        }
        if (nextBirthdayNs <= nowNs) {
            birthdayRound(nowNs);
        }
    }

    private void birthdayRound(long nowNs) {
        if (nowNs >= birthdayEndNs) {
            nextBirthdayNs = DatagramMachine.NO_DEADLINE;
            return;
        }
        if (plan.extraSockets() > 0) {
            // Hard side: keep one mapping per socket open toward the easy side's address, with primes
            // only: a full-TTL packet reaching the easy NAT before the easy side guessed that port would
            // leave a stray conntrack entry there (Linux) and push the guess onto another port.
            InetSocketAddress easy = plan.targets().getFirst();
            for (int k = 0; k < plan.extraSockets(); k++) {
                session.prime(nowNs, FIRST_BIRTHDAY_SOCKET + k, easy, config.primeTtl());
            }
            nextBirthdayNs = nowNs + BIRTHDAY_RESEND_NS;
            return;
        }
        // Easy side: guess ports of the hard side's address at the configured pace.
        long perRound = Math.max(1, config.birthdayProbesPerSecond() * config.probeIntervalNs() / 1_000_000_000L);
        int span = config.birthdayPortHigh() - config.birthdayPortLow() + 1;
        for (int i = 0; i < perRound && guessesSent < plan.randomProbes(); i++, guessesSent++) {
            int port = config.birthdayPortLow() + random.nextInt(span);
            session.prime(nowNs, 0, new InetSocketAddress(plan.randomProbeAddress().getAddress(), port),
                    Transmit.DEFAULT_TTL);
        }
        nextBirthdayNs = guessesSent < plan.randomProbes() ? nowNs + config.probeIntervalNs() : DatagramMachine.NO_DEADLINE;
    }

    public long pollTimeoutNs() {
        return stopped ? DatagramMachine.NO_DEADLINE : Math.min(probeAtNs, nextBirthdayNs);
    }

    /** Ends the punch: a direct path is up, or the session is gone. */
    public void stop() {
        stopped = true;
        probeAtNs = DatagramMachine.NO_DEADLINE;
        nextBirthdayNs = DatagramMachine.NO_DEADLINE;
    }

    public boolean isDone() {
        return stopped || probeAtNs == DatagramMachine.NO_DEADLINE && nextBirthdayNs == DatagramMachine.NO_DEADLINE;
    }

    /** Birthday guesses sent so far (easy side). */
    public int guessesSent() {
        return guessesSent;
    }
}
