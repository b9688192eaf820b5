package net.overlay.core.proto.traversal;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.random.RandomGenerator;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.session.Session;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.SignalCodec;
import net.overlay.core.proto.signal.SignalKind;

/**
 * Carries out one side's {@link PunchPlan} on an established session (docs/traversal.md step 6):
 * low-TTL primes to every target first, so our NAT is open before any peer probe can arrive; then
 * path probes (the session repeats the challenges and validates); and for birthday probing, sealed
 * pings from many sockets (hard side) or to many guessed ports (easy side). A guess that lands makes
 * the peer's session see an authentic packet from a new address, challenge it, and validate it.
 *
 * <p>Birthday order: the easy side guesses only once the hard side said its mappings exist
 * ({@link Signal.BirthdayReady}, sent after the last prime and again with every refresh). A guess
 * that reaches the hard NAT before the mapping it would hit is lost, and a Linux NAT then never
 * gives that port to the flow (its conntrack entry takes the tuple). On the namespace testbed a
 * freshly started client took 0.8-2.3 s to open its 256 birthday sockets while the device's guesses
 * were all out within 0.5 s: no guess met a mapping in 5 of 5 attempts (docs/lab.md, "sim-vs-real").
 * The easy side waits at most one birthday window for the signal.
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
    /** Easy side of a birthday: no guess until the hard side's {@link Signal.BirthdayReady}. */
    private boolean awaitingReady;
    private final int attemptId;

    public Puncher(Session session, PunchPlan plan, PunchConfig config, RandomGenerator random) {
        this(session, plan, config, random, 0);
    }

    /**
     * @param attemptId the punch's number, the client's {@link Signal.PunchSync} count: carried by
     *     the hard side's {@link Signal.BirthdayReady}, checked by the easy side
     */
    public Puncher(Session session, PunchPlan plan, PunchConfig config, RandomGenerator random, int attemptId) {
        this.attemptId = attemptId;
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
        if (plan.extraSockets() > 0 && easy != null) {
            sendReady(nowNs);
        }
        probeAtNs = plan.prime() ? nowNs + config.probeIntervalNs() : nowNs;
        if (plan.extraSockets() > 0) {
            nextBirthdayNs = probeAtNs;
            birthdayEndNs = probeAtNs + BIRTHDAY_WINDOW_NS;
        } else if (plan.randomProbes() > 0) {
            // Wait for the hard side's word, at most one window; birthdayRound ends the wait.
            awaitingReady = true;
            nextBirthdayNs = nowNs + BIRTHDAY_WINDOW_NS;
            birthdayEndNs = nextBirthdayNs;
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

    /**
     * The peer's {@link Signal.BirthdayReady} arrived: as the easy side of a birthday, start
     * guessing now (later copies, and copies of another punch, change nothing).
     */
    public void peerReady(long nowNs, int readyAttemptId) {
        if (stopped || !awaitingReady || readyAttemptId != attemptId) {
            return;
        }
        awaitingReady = false;
        nextBirthdayNs = nowNs;
        birthdayEndNs = nowNs + BIRTHDAY_WINDOW_NS;
        handleTimeout(nowNs);
    }

    private void sendReady(long nowNs) {
        Signal.BirthdayReady ready = new Signal.BirthdayReady(attemptId);
        session.sendControl(nowNs, SignalKind.BIRTHDAY_READY.code(), SignalCodec.encode(ready));
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
            sendReady(nowNs);
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
