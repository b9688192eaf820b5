package net.overlay.lab.punch;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatConfig;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.signal.Candidate;
import net.overlay.core.proto.signal.NatSummary;
import net.overlay.core.proto.traversal.PunchConfig;
import net.overlay.core.proto.traversal.PunchPlan;
import net.overlay.core.proto.traversal.PunchPlanner;
import net.overlay.core.testing.BarePunchRunner;
import net.overlay.core.testing.VirtualNetwork;
import net.overlay.core.testing.VirtualNetwork.Site;

/**
 * One hole-punch attempt between two NAT presets on a fresh {@link VirtualNetwork}, run by the
 * settings' engine: the full protocol ({@link ProtocolAttempt}) or, here, bare datagrams. Bare: each side
 * learns its reflexive address as a STUN binding would show it, both plan with
 * {@link PunchPlanner} knowing each other's NAT class, and both run their plan with bare
 * datagrams ({@link BarePunchRunner}), side b starting a little after side a. The attempt succeeds
 * when each side got an answer to one of its probes: the path works both ways. Stateless; every
 * call builds its own network, so attempts may run on several threads at once.
 */
public final class PunchAttempt {
    private static final InetSocketAddress STUN = Endpoints.toSocketAddress(Endpoints.of("198.51.100.1", 3478));
    private static final String PRIVATE_IP = "10.0.0.2";
    private static final int LOCAL_PORT = 40000;
    /** Virtual time before the punch starts: the STUN bindings and the brokering happen before it. */
    private static final long START_NS = SECOND;

    private PunchAttempt() {}

    /**
     * What one attempt measured, by either engine.
     *
     * @param deviceSide protocol engine: which side ran the device agent ({@code "a"} or {@code "b"}; the
     *     other ran the client); bare engine: {@code "-"}
     * @param latencyAMs one-way latency of side a's edge; {@code latencyBMs} likewise
     * @param skewMs bare engine: how long after side a side b started; protocol engine: 0
     * @param connected protocol engine: the session came up (over the relay); bare engine: always true
     * @param success a direct path works both ways
     * @param relayed connected but not direct: the session stayed on the relay (bare: would need one)
     * @param firstMs bare: from side a's start to the first answer either side got; protocol: from the
     *     connect command to the session being up over the relay (time to first byte); NaN if none
     * @param directMs from the same start until both sides had a direct path; NaN if the attempt failed
     * @param fallbacks protocol engine: times a direct path died and the session went back to the relay
     * @param packetsA datagrams side a sent from the start until direct or the attempt's end; {@code packetsB}
     *     likewise
     */
    public record Result(NatPreset a, NatPreset b, int attempt, long seed, String deviceSide, int latencyAMs,
            int latencyBMs, int skewMs, String strategy, boolean connected, boolean success, boolean relayed,
            double firstMs, double directMs, int fallbacks, long packetsA, long packetsB) {}

    /** The punch planner's knowledge of a preset's NAT, as the rendezvous would tell it. */
    public static NatSummary summaryOf(NatPreset p) {
        NatConfig c = p.config();
        return c == null ? NatSummary.open() : new NatSummary(true, c.mapping(), c.filtering(), c.allocation(), c.portStep());
    }

    /** Runs one attempt with the settings' engine; everything random in it derives from {@code seed}. */
    public static Result run(NatPreset a, NatPreset b, int attempt, long seed, PunchSettings settings) {
        return switch (settings.engine()) {
            case PROTOCOL -> ProtocolAttempt.run(a, b, attempt, seed, settings);
            case BARE -> runBare(a, b, attempt, seed, settings);
        };
    }

    /** Runs one attempt with bare datagrams. */
    static Result runBare(NatPreset a, NatPreset b, int attempt, long seed, PunchSettings settings) {
        PunchConfig config = settings.punchConfig();
        SplittableRandom random = new SplittableRandom(seed);
        int latA = draw(random, settings.latencyMinMs(), settings.latencyMaxMs());
        int latB = draw(random, settings.latencyMinMs(), settings.latencyMaxMs());
        int skew = draw(random, 0, settings.startSkewMaxMs());
        VirtualNetwork net = new VirtualNetwork(random.nextLong());
        Side sa = side(net, "a", a, "203.0.113.1", latA * MS);
        Side sb = side(net, "b", b, "203.0.113.2", latB * MS);
        PunchPlan pa = PunchPlanner.plan(summaryOf(a), summaryOf(b), sb.candidates(), config);
        PunchPlan pb = PunchPlanner.plan(summaryOf(b), summaryOf(a), sa.candidates(), config);
        Timed ra = new Timed(new BarePunchRunner("a", pa, config, random.split(), START_NS));
        Timed rb = new Timed(new BarePunchRunner("b", pb, config, random.split(), START_NS + skew * MS));
        net.addHost("A", sa.site(), sa.ip(), LOCAL_PORT, ra, sa.site() == net.internet() ? latA * MS : 0, 0);
        net.addHost("B", sb.site(), sb.ip(), LOCAL_PORT, rb, sb.site() == net.internet() ? latB * MS : 0, 0);
        boolean ok = net.runUntil(() -> ra.answeredAtNs >= 0 && rb.answeredAtNs >= 0, settings.attemptTimeoutMs() * MS);
        double first = Double.NaN;
        if (ra.answeredAtNs >= 0 || rb.answeredAtNs >= 0) {
            long t = ra.answeredAtNs < 0 ? rb.answeredAtNs
                    : rb.answeredAtNs < 0 ? ra.answeredAtNs : Math.min(ra.answeredAtNs, rb.answeredAtNs);
            first = toMs(t - START_NS);
        }
        double direct = ok ? toMs(Math.max(ra.answeredAtNs, rb.answeredAtNs) - START_NS) : Double.NaN;
        return new Result(a, b, attempt, seed, "-", latA, latB, skew, strategy(pa, pb), true, ok, !ok, first, direct, 0,
                ra.sent, rb.sent);
    }

    /** A short name of what the two plans do together, for tables and charts. */
    static String strategy(PunchPlan pa, PunchPlan pb) {
        if (pa.relayOnly() || pb.relayOnly()) {
            return "relay-only";
        }
        if (pa.extraSockets() + pa.randomProbes() + pb.extraSockets() + pb.randomProbes() > 0) {
            return "birthday";
        }
        if (pa.reason().contains("predict") || pb.reason().contains("predict")) {
            return "prediction";
        }
        return "simultaneous";
    }

    static int draw(SplittableRandom random, int low, int high) {
        return low == high ? low : low + random.nextInt(high - low + 1);
    }

    static double toMs(long ns) {
        return ns / (double) MS;
    }

    private record Side(Site site, String ip, InetSocketAddress reflexive) {
        List<Candidate> candidates() {
            List<Candidate> cs = new ArrayList<>();
            cs.add(new Candidate(Candidate.Type.SERVER_REFLEXIVE, reflexive));
            if (!reflexive.getAddress().getHostAddress().equals(ip)) {
                cs.add(new Candidate(Candidate.Type.HOST, Endpoints.toSocketAddress(Endpoints.of(ip, LOCAL_PORT))));
            }
            return cs;
        }
    }

    private static Side side(VirtualNetwork net, String name, NatPreset preset, String publicIp, long latencyNs) {
        if (preset == NatPreset.OPEN) {
            return new Side(net.internet(), publicIp, Endpoints.toSocketAddress(Endpoints.of(publicIp, LOCAL_PORT)));
        }
        Site site = net.addNat(name, net.internet(), preset.config(), publicIp, latencyNs, 0);
        // What a STUN binding would have shown: the NAT's mapping toward the rendezvous.
        long mapped = site.nat().outbound(0, Endpoints.of(PRIVATE_IP, LOCAL_PORT), Endpoints.fromSocketAddress(STUN));
        return new Side(site, PRIVATE_IP, Endpoints.toSocketAddress(mapped));
    }

    /** Wraps a runner to note when it first got an answer and how many datagrams it sent. */
    private static final class Timed implements DatagramMachine<String> {
        private final BarePunchRunner inner;
        long answeredAtNs = -1;
        long sent;

        Timed(BarePunchRunner inner) {
            this.inner = inner;
        }

        @Override
        public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
            inner.handleDatagram(nowNs, socket, from, buf, off, len);
            if (answeredAtNs < 0 && inner.answered()) {
                answeredAtNs = nowNs;
            }
        }

        @Override
        public void handleTimeout(long nowNs) {
            inner.handleTimeout(nowNs);
        }

        @Override
        public Transmit pollTransmit() {
            Transmit t = inner.pollTransmit();
            if (t != null) {
                sent++;
            }
            return t;
        }

        @Override
        public String pollEvent() {
            return inner.pollEvent();
        }

        @Override
        public long pollTimeoutNs() {
            return inner.pollTimeoutNs();
        }
    }
}
