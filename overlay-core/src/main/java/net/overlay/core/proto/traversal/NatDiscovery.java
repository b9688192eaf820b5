package net.overlay.core.proto.traversal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.SmallQueue;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.stun.BindingOutcome;
import net.overlay.core.proto.stun.StunAttribute;
import net.overlay.core.proto.stun.StunAttribute.ChangeRequest;
import net.overlay.core.proto.traversal.NatClassifier.Allocation;
import net.overlay.core.proto.traversal.NatClassifier.PortSample;
import net.overlay.core.spi.RandomSource;

/**
 * NAT behaviour discovery after RFC 5780 sections 4.3 (mapping) and 4.4 (filtering), plus port
 * allocation, against one server with a primary address A1:P1 and an alternate A2:P2 learned from
 * OTHER-ADDRESS. Sans-IO: the device machine (or a test host) feeds it STUN responses and sends
 * what it polls; it never reads a clock.
 *
 * <p>The tests run in parallel on separate sockets, so that one test's packets cannot open the NAT
 * filter another test is probing:
 * <ul>
 *   <li>socket 0 (mapping): test I to A1:P1; once OTHER-ADDRESS is known, tests II (A2:P1), III
 *       (A2:P2) and a fourth request to A1:P2 together. Two round trips.
 *   <li>socket 1 (filtering): at once, a plain request, one with CHANGE-REQUEST(IP, port) and one
 *       with CHANGE-REQUEST(port), all to A1:P1. One round trip when the NAT lets the changed answers
 *       through, else the configured unanswered wait.
 *   <li>sockets 2.. (allocation): one plain request each, so that even an endpoint-independent NAT
 *       creates enough mappings to tell sequential from random ports.
 * </ul>
 * Every mapping created (one per socket and, for dependent mappings, per destination) is a port
 * sample, ordered by when its first request left; {@link NatClassifier} holds the rules.
 *
 * <p>Hosting: either as a {@link DatagramMachine} of its own, or embedded in a parent machine that
 * offers it datagrams with {@link #accept} (true when they were discovery answers), forwards
 * {@link #pollTransmit()}, and merges {@link #pollTimeoutNs()} into its own deadline. Not
 * thread-safe.
 */
public final class NatDiscovery implements DatagramMachine<NatDiscovery.Event> {

    /** What discovery reports to its host. */
    public sealed interface Event permits Completed {}

    /** Discovery finished with {@code behavior}; emitted once. */
    public record Completed(NatBehavior behavior) implements Event {}

    private enum SecondRound { WAITING, RUNNING, NOT_NEEDED, IMPOSSIBLE }

    private final RandomSource random;
    private final InetSocketAddress server;
    private final LocalSocket mappingSocket;
    private final DiscoveryConfig config;
    private final long startNs;
    private final List<Probe> probes = new ArrayList<>();
    private final SmallQueue<Transmit> out = new SmallQueue<>();
    private final SmallQueue<Event> events = new SmallQueue<>();
    private final Probe primary;
    private final Probe filterPlain;
    private final Probe filterChangeBoth;
    private final Probe filterChangePort;
    private final List<Probe> samplers = new ArrayList<>();
    private SecondRound secondRound = SecondRound.WAITING;
    private Probe altIp;
    private Probe altBoth;
    private long sendOrder;
    private NatBehavior result;
    private int lastMappedPort;

    private NatDiscovery(long nowNs, RandomSource random, InetSocketAddress server, List<LocalSocket> sockets,
            DiscoveryConfig config) {
        this.random = random;
        this.server = server;
        this.mappingSocket = sockets.get(0);
        this.config = config;
        this.startNs = nowNs;
        LocalSocket filterSocket = sockets.get(1);
        primary = answered(nowNs, mappingSocket, server);
        filterPlain = answered(nowNs, filterSocket, server);
        filterChangeBoth = maybeUnanswered(nowNs, filterSocket, new ChangeRequest(true, true));
        filterChangePort = maybeUnanswered(nowNs, filterSocket, new ChangeRequest(false, true));
        samplers.add(primary);
        samplers.add(filterPlain);
        for (LocalSocket s : sockets.subList(2, sockets.size())) {
            samplers.add(answered(nowNs, s, server));
        }
    }

    /**
     * Starts discovery and queues its first requests.
     *
     * @param server the server's primary address A1:P1
     * @param sockets at least two distinct sockets: [0] for the mapping tests (its mapping is the one
     *     reported), [1] for the filtering tests, any further ones only add port-allocation samples
     *     (two more are enough to classify an endpoint-independent NAT's allocation)
     */
    public static NatDiscovery start(long nowNs, RandomSource random, InetSocketAddress server,
            List<LocalSocket> sockets, DiscoveryConfig config) {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(config, "config");
        if (sockets.size() < 2 || sockets.stream().map(LocalSocket::index).distinct().count() != sockets.size()) {
            throw new IllegalArgumentException("need at least two distinct sockets, got " + sockets);
        }
        NatDiscovery d = new NatDiscovery(nowNs, random, server, List.copyOf(sockets), config);
        d.drain(nowNs);
        return d;
    }

    /** The outcome once discovery has finished. */
    public Optional<NatBehavior> result() {
        return Optional.ofNullable(result);
    }

    public boolean isDone() {
        return result != null;
    }

    /**
     * Offers a datagram received on {@code socket}; true when it answered one of discovery's
     * requests (the host should then not hand it to anyone else).
     */
    public boolean accept(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        if (result != null) {
            return false;
        }
        for (Probe p : probes) {
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
        if (result != null) {
            return;
        }
        for (Probe p : probes) {
            p.onTimeout(nowNs);
        }
        advance(nowNs);
    }

    @Override
    public Transmit pollTransmit() {
        return out.poll();
    }

    @Override
    public Event pollEvent() {
        return events.poll();
    }

    @Override
    public long pollTimeoutNs() {
        if (result != null) {
            return NO_DEADLINE;
        }
        long deadline = NO_DEADLINE;
        for (Probe p : probes) {
            deadline = Math.min(deadline, p.deadlineNs());
        }
        return deadline;
    }

    private Probe answered(long nowNs, LocalSocket socket, InetSocketAddress to) {
        return add(Probe.start(nowNs, random, socket, to, List.of(), config.stun(), config.answerWaitNs()));
    }

    private Probe maybeUnanswered(long nowNs, LocalSocket socket, StunAttribute attribute) {
        return add(Probe.start(nowNs, random, socket, server, List.of(attribute), config.unansweredStun(true),
                config.unansweredWaitNs()));
    }

    private Probe add(Probe p) {
        probes.add(p);
        return p;
    }

    private void advance(long nowNs) {
        maybeStartSecondRound(nowNs);
        Optional<Verdict<MappingBehavior>> mapping = mappingVerdict();
        Optional<Verdict<FilteringBehavior>> filtering = filteringVerdict();
        Optional<Allocation> allocation = allocationVerdict();
        if (mapping.isPresent() && filtering.isPresent() && allocation.isPresent()) {
            finish(nowNs, mapping.get(), filtering.get(), allocation.get());
            return;
        }
        drain(nowNs);
    }

    private void drain(long nowNs) {
        for (Probe p : probes) {
            if (p.drainTo(nowNs, sendOrder, out)) {
                sendOrder++;
            }
        }
    }

    /** RFC 5780 4.3: tests II and III need test I's OTHER-ADDRESS; no NAT means no need for them. */
    private void maybeStartSecondRound(long nowNs) {
        if (secondRound != SecondRound.WAITING || !primary.isDone()) {
            return;
        }
        Optional<BindingOutcome.Success> first = primary.success();
        if (first.isEmpty()) {
            secondRound = SecondRound.IMPOSSIBLE;
        } else if (natAbsent()) {
            secondRound = SecondRound.NOT_NEEDED;
        } else if (first.get().otherAddress().isEmpty()) {
            secondRound = SecondRound.IMPOSSIBLE;
        } else {
            InetSocketAddress other = first.get().otherAddress().get();
            altIp = answered(nowNs, mappingSocket, new InetSocketAddress(other.getAddress(), server.getPort()));
            altBoth = answered(nowNs, mappingSocket, other);
            Probe altPort = answered(nowNs, mappingSocket, new InetSocketAddress(server.getAddress(), other.getPort()));
            samplers.addAll(List.of(altIp, altBoth, altPort));
            secondRound = SecondRound.RUNNING;
        }
    }

    private boolean natAbsent() {
        return primary.success().map(s -> s.mapped().equals(mappingSocket.address())).orElse(false);
    }

    private Optional<Verdict<MappingBehavior>> mappingVerdict() {
        if (!primary.isDone()) {
            return Optional.empty();
        }
        Optional<BindingOutcome.Success> x1 = primary.success();
        if (x1.isEmpty()) {
            return Optional.of(Verdict.undecided("test I " + primary.failure()));
        }
        return switch (secondRound) {
            case WAITING -> Optional.empty();
            case NOT_NEEDED -> Optional.of(Verdict.decided(MappingBehavior.ENDPOINT_INDEPENDENT));
            case IMPOSSIBLE -> Optional.of(Verdict.undecided("server sent no OTHER-ADDRESS (single-address server)"));
            case RUNNING -> secondRoundMapping(x1.get().mapped());
        };
    }

    private Optional<Verdict<MappingBehavior>> secondRoundMapping(InetSocketAddress x1) {
        if (!altIp.isDone()) {
            return Optional.empty();
        }
        if (altIp.success().isEmpty()) {
            return Optional.of(Verdict.undecided("test II " + altIp.failure()));
        }
        InetSocketAddress x2 = altIp.success().get().mapped();
        if (x2.equals(x1)) {
            return Optional.of(Verdict.decided(MappingBehavior.ENDPOINT_INDEPENDENT));
        }
        if (!altBoth.isDone()) {
            return Optional.empty();
        }
        return Optional.of(altBoth.success()
                .map(x3 -> Verdict.decided(NatClassifier.mapping(x1, x2, x3.mapped())))
                .orElseGet(() -> Verdict.undecided("address-dependent or worse; test III " + altBoth.failure())));
    }

    /**
     * RFC 5780 4.4. A missing answer only counts as "filtered" once the plain request on the same
     * socket was answered: that proves the path and the server work, so silence means the NAT.
     */
    private Optional<Verdict<FilteringBehavior>> filteringVerdict() {
        if (filterChangeBoth.answered()) {
            return Optional.of(changedAnswer(filterChangeBoth, true)
                    .map(Verdict::<FilteringBehavior>undecided)
                    .orElse(Verdict.decided(NatClassifier.filtering(true, false))));
        }
        if (!filterPlain.isDone() || !filterChangeBoth.isDone()) {
            return Optional.empty();
        }
        if (filterPlain.success().isEmpty()) {
            return Optional.of(Verdict.undecided("plain request on the filtering socket " + filterPlain.failure()));
        }
        if (!filterChangePort.isDone()) {
            return Optional.empty();
        }
        if (!filterChangePort.answered()) {
            return Optional.of(Verdict.decided(NatClassifier.filtering(false, false)));
        }
        return Optional.of(changedAnswer(filterChangePort, false)
                .map(Verdict::<FilteringBehavior>undecided)
                .orElse(Verdict.decided(NatClassifier.filtering(false, true))));
    }

    /** Why an answer to a CHANGE-REQUEST test proves nothing, or empty when it is sound. */
    private Optional<String> changedAnswer(Probe probe, boolean changeIp) {
        if (probe.success().isEmpty()) {
            return Optional.of("server refused CHANGE-REQUEST: " + probe.failure());
        }
        InetSocketAddress from = probe.success().get().respondedFrom();
        boolean ipChanged = !from.getAddress().equals(server.getAddress());
        boolean portChanged = from.getPort() != server.getPort();
        // RFC 5780 4.4: the answer must really come from the changed address, or it tests nothing
        return ipChanged == changeIp && portChanged
                ? Optional.empty()
                : Optional.of("server answered CHANGE-REQUEST from " + from + " without the change asked");
    }

    private Optional<Allocation> allocationVerdict() {
        if (secondRound == SecondRound.WAITING || samplers.stream().anyMatch(p -> !p.isDone())) {
            return Optional.empty();
        }
        // One sample per mapping: per socket and reflexive address, at the first request that made it.
        Map<String, Probe> firstByMapping = new HashMap<>();
        for (Probe p : probes) {
            p.success().ifPresent(s -> firstByMapping.merge(p.socket().index() + "|" + s.mapped(), p,
                    (a, b) -> a.firstSendOrder() <= b.firstSendOrder() ? a : b));
        }
        List<PortSample> samples = firstByMapping.values().stream()
                .sorted(Comparator.comparingLong(Probe::firstSendOrder))
                .map(p -> new PortSample(p.socket().address().getPort(), p.success().get().mapped().getPort()))
                .toList();
        lastMappedPort = samples.isEmpty() ? 0 : samples.getLast().mappedPort();
        return Optional.of(NatClassifier.allocation(samples, config.maxSequentialStep()));
    }

    private void finish(long nowNs, Verdict<MappingBehavior> mapping, Verdict<FilteringBehavior> filtering,
            Allocation allocation) {
        boolean blocked = probes.stream().noneMatch(Probe::answered);
        if (blocked) {
            String why = "no answer to any request: UDP blocked or server unreachable";
            mapping = Verdict.undecided(why);
            filtering = Verdict.undecided(why);
            allocation = new Allocation(Verdict.undecided(why), 0);
        }
        result = new NatBehavior(primary.success().map(BindingOutcome.Success::mapped), natAbsent(), mapping,
                filtering, allocation.verdict(), allocation.step(), blocked, nowNs - startNs, lastMappedPort);
        out.clear();
        events.add(new Completed(result));
    }
}
