package net.overlay.core.proto.traversal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.SmallQueue;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.stun.StunAttribute.ResponsePort;
import net.overlay.core.spi.RandomSource;

/**
 * One binding-lifetime test after RFC 5780 section 4.6: does a NAT mapping survive {@code waitNs}
 * of silence? The device runs one at a time, with the wait its {@link KeepalivePolicy} asks for,
 * on a socket that nothing else uses meanwhile. Sans-IO; hosted alone or embedded like
 * {@link NatDiscovery} (offer datagrams with {@link #accept}). Not thread-safe.
 *
 * <ol>
 *   <li>From the probed socket, a Binding request to the server gives the mapping M.
 *   <li>Silence on that socket for {@code waitNs}, counted from its last request (when the NAT last
 *       refreshed M for sure).
 *   <li>From the sender socket, a request with RESPONSE-PORT = M's port: the server answers to our
 *       NAT's address at that port, from the address the probed socket talked to, so the answer
 *       passes even an address-and-port-dependent filter while M lives. At the same moment a plain
 *       control request from the sender socket checks that the server still answers at all.
 * </ol>
 * An answer on the probed socket: {@link Outcome#SURVIVED}. No answer within the unanswered wait
 * while the control was answered: {@link Outcome#EXPIRED}. Anything else is
 * {@link Outcome#INCONCLUSIVE}, with the reason. The idle time actually tested is {@code waitNs}
 * plus about one round trip, so a verdict errs on the safe side.
 */
public final class LifetimeProbe implements DatagramMachine<LifetimeProbe.Result> {

    /** What the test found. */
    public enum Outcome { SURVIVED, EXPIRED, INCONCLUSIVE }

    /**
     * The verdict on one wait.
     *
     * @param waitNs the silence tested
     * @param outcome what happened to the mapping
     * @param detail why, for logs and INCONCLUSIVE
     */
    public record Result(long waitNs, Outcome outcome, String detail) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private enum Phase { OPENING, WAITING, TESTING, DONE }

    private final RandomSource random;
    private final InetSocketAddress server;
    private final LocalSocket probed;
    private final LocalSocket sender;
    private final long waitNs;
    private final DiscoveryConfig config;
    private final SmallQueue<Transmit> out = new SmallQueue<>();
    private final SmallQueue<Result> events = new SmallQueue<>();
    private final Probe opener;
    private Phase phase = Phase.OPENING;
    private long testAtNs;
    private Probe test;
    private Probe control;
    private Result result;

    private LifetimeProbe(long nowNs, RandomSource random, InetSocketAddress server, LocalSocket probed,
            LocalSocket sender, long waitNs, DiscoveryConfig config) {
        this.random = random;
        this.server = server;
        this.probed = probed;
        this.sender = sender;
        this.waitNs = waitNs;
        this.config = config;
        this.opener = Probe.start(nowNs, random, probed, server, List.of(), config.stun(), config.answerWaitNs());
    }

    /**
     * Starts the test and queues its first request.
     *
     * @param probed the socket whose mapping is left idle; nothing else may send from it meanwhile
     * @param sender another socket behind the same NAT
     * @param waitNs the silence to test
     */
    public static LifetimeProbe start(long nowNs, RandomSource random, InetSocketAddress server, LocalSocket probed,
            LocalSocket sender, long waitNs, DiscoveryConfig config) {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(config, "config");
        if (probed.index() == sender.index()) {
            throw new IllegalArgumentException("the probed and the sender socket must differ");
        }
        if (waitNs <= 0) {
            throw new IllegalArgumentException("waitNs must be positive, got " + waitNs);
        }
        LifetimeProbe p = new LifetimeProbe(nowNs, random, server, probed, sender, waitNs, config);
        p.drain(nowNs);
        return p;
    }

    public Optional<Result> result() {
        return Optional.ofNullable(result);
    }

    public long waitNs() {
        return waitNs;
    }

    /** Offers a datagram received on {@code socket}; true when it answered one of this test's requests. */
    public boolean accept(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        for (Probe p : active()) {
            if (p.offer(nowNs, socket, from, buf, off, len)) {
                advance(nowNs);
                return true;
            }
        }
        return false;
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        accept(nowNs, socket, from, buf, off, len);
    }

    @Override
    public void handleTimeout(long nowNs) {
        for (Probe p : active()) {
            p.onTimeout(nowNs);
        }
        if (phase == Phase.WAITING && nowNs >= testAtNs) {
            test = Probe.start(nowNs, random, sender, server, List.of(new ResponsePort(mappedPort())),
                    config.unansweredStun(false), config.unansweredWaitNs());
            control = Probe.start(nowNs, random, sender, server, List.of(), config.stun(), config.answerWaitNs());
            phase = Phase.TESTING;
        }
        advance(nowNs);
    }

    @Override
    public Transmit pollTransmit() {
        return out.poll();
    }

    @Override
    public Result pollEvent() {
        return events.poll();
    }

    @Override
    public long pollTimeoutNs() {
        return switch (phase) {
            case OPENING -> opener.deadlineNs();
            case WAITING -> testAtNs;
            case TESTING -> Math.min(test.deadlineNs(), control.deadlineNs());
            case DONE -> NO_DEADLINE;
        };
    }

    private List<Probe> active() {
        return switch (phase) {
            case OPENING -> List.of(opener);
            case TESTING -> List.of(test, control);
            case WAITING, DONE -> List.of();
        };
    }

    private int mappedPort() {
        return opener.success().orElseThrow().mapped().getPort();
    }

    private void advance(long nowNs) {
        switch (phase) {
            case OPENING -> {
                if (opener.success().isPresent()) {
                    testAtNs = opener.lastSendNs() + waitNs;
                    phase = Phase.WAITING;
                } else if (opener.isDone()) {
                    finish(Outcome.INCONCLUSIVE, "opening request " + opener.failure());
                }
            }
            case TESTING -> judge();
            case WAITING, DONE -> { }
        }
        drain(nowNs);
    }

    private void judge() {
        if (test.answered()) {
            if (test.success().isEmpty()) {
                finish(Outcome.INCONCLUSIVE, "server refused RESPONSE-PORT: " + test.failure());
            } else if (test.answeredOnSocket() == probed.index()) {
                finish(Outcome.SURVIVED, "answer to port " + mappedPort() + " reached the probed socket");
            } else {
                finish(Outcome.INCONCLUSIVE, "server ignored RESPONSE-PORT (answer reached socket "
                        + test.answeredOnSocket() + ")");
            }
        } else if (test.isDone() && control.isDone()) {
            if (control.success().isPresent()) {
                finish(Outcome.EXPIRED, "no answer through port " + mappedPort() + " while the server answered");
            } else {
                finish(Outcome.INCONCLUSIVE, "control request " + control.failure());
            }
        }
    }

    private void finish(Outcome outcome, String detail) {
        result = new Result(waitNs, outcome, detail);
        phase = Phase.DONE;
        events.add(result);
        out.clear();
    }

    private void drain(long nowNs) {
        for (Probe p : active()) {
            p.drainTo(nowNs, 0, out);
        }
    }
}
