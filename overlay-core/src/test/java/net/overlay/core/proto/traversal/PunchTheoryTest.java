package net.overlay.core.proto.traversal;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatConfig;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.signal.Candidate;
import net.overlay.core.proto.signal.NatSummary;
import net.overlay.core.testing.BarePunchRunner;
import net.overlay.core.testing.VirtualNetwork;
import net.overlay.core.testing.VirtualNetwork.Site;
import org.junit.jupiter.api.Test;

/**
 * Checks the planner's theory for every pair of NAT types on the NAT models, with bare datagrams
 * (no sessions, no cryptography): each side learns its reflexive address as STUN would, both run
 * their {@link PunchPlan} at about the same moment, and the pair counts as direct when probes get
 * through both ways. Expected outcomes, with the reasoning:
 * <ul>
 *   <li>any pair with an endpoint-independent mapping on both sides, or with no NAT on one side:
 *       direct (simultaneous probes open both NATs; an open host is reachable anyway);
 *   <li>endpoint-independent vs sequential symmetric: direct (the sequential side's next port is
 *       predicted); sequential vs sequential: direct (both probe the other's next ports in the same
 *       order, pairing mapping i with mapping i);
 *   <li>random symmetric vs full-cone or restricted: direct (the easy side's filtering lets the
 *       hard side's probes in once it has sent to the hard side's address);
 *   <li>random symmetric vs port-restricted: probabilistic (birthday: 256 sockets and 256 guesses
 *       over 32,768 ports hit with about 87% probability);
 *   <li>random symmetric vs sequential symmetric, and random vs random: relay (no mapping on either
 *       side is predictable toward the other; REFERENCE.md's nat-birthday-paradox gives about 0%).
 * </ul>
 */
public class PunchTheoryTest {
    public enum Outcome { DIRECT, PROBABILISTIC, RELAY }

    private static final List<NatPreset> TYPES = List.of(NatPreset.OPEN, NatPreset.FULL_CONE, NatPreset.RESTRICTED,
            NatPreset.PORT_RESTRICTED, NatPreset.SYMMETRIC_SEQUENTIAL, NatPreset.SYMMETRIC_RANDOM);
    private static final InetSocketAddress STUN = Endpoints.toSocketAddress(Endpoints.of("198.51.100.1", 3478));

    public static Outcome expected(NatPreset a, NatPreset b) {
        boolean aRandom = a == NatPreset.SYMMETRIC_RANDOM;
        boolean bRandom = b == NatPreset.SYMMETRIC_RANDOM;
        if (a == NatPreset.OPEN || b == NatPreset.OPEN) {
            return Outcome.DIRECT;
        }
        if (aRandom && bRandom) {
            return Outcome.RELAY;
        }
        if (aRandom || bRandom) {
            NatPreset other = aRandom ? b : a;
            return switch (other) {
                case FULL_CONE, RESTRICTED -> Outcome.DIRECT;
                case PORT_RESTRICTED -> Outcome.PROBABILISTIC;
                default -> Outcome.RELAY;
            };
        }
        return Outcome.DIRECT;
    }

    static NatSummary summaryOf(NatPreset p) {
        NatConfig c = p.config();
        return c == null ? NatSummary.open() : new NatSummary(true, c.mapping(), c.filtering(), c.allocation(), c.portStep());
    }

    /** One attempt; true when both sides heard each other's probes and got answers. */
    static boolean attempt(NatPreset a, NatPreset b, long seed, PunchConfig config) {
        VirtualNetwork net = new VirtualNetwork(seed);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5eed);
        Side sa = side(net, "a", a, "203.0.113.1", 20 * MS);
        Side sb = side(net, "b", b, "203.0.113.2", 35 * MS);
        long start = SECOND;
        PunchPlan pa = PunchPlanner.plan(summaryOf(a), summaryOf(b), sb.candidates(), config);
        PunchPlan pb = PunchPlanner.plan(summaryOf(b), summaryOf(a), sa.candidates(), config);
        // The device starts when the sync arrives; the client half a round trip after sending it: a
        // few milliseconds of skew remain.
        BarePunchRunner ra = new BarePunchRunner("a", pa, config, random.split(), start);
        BarePunchRunner rb = new BarePunchRunner("b", pb, config, random.split(), start + 7 * MS);
        net.addHost("A", sa.site, sa.ip, 40000, ra, sa.site == net.internet() ? 20 * MS : 0, 0);
        net.addHost("B", sb.site, sb.ip, 40000, rb, sb.site == net.internet() ? 35 * MS : 0, 0);
        net.runUntil(() -> ra.answered() && rb.answered(), 10 * SECOND);
        return ra.answered() && rb.answered();
    }

    private record Side(Site site, String ip, InetSocketAddress reflexive) {
        List<Candidate> candidates() {
            List<Candidate> cs = new ArrayList<>();
            cs.add(new Candidate(Candidate.Type.SERVER_REFLEXIVE, reflexive));
            if (!reflexive.getAddress().getHostAddress().equals(ip)) {
                cs.add(new Candidate(Candidate.Type.HOST, Endpoints.toSocketAddress(Endpoints.of(ip, 40000))));
            }
            return cs;
        }
    }

    private static Side side(VirtualNetwork net, String name, NatPreset preset, String publicIp, long latencyNs) {
        if (preset == NatPreset.OPEN) {
            return new Side(net.internet(), publicIp, Endpoints.toSocketAddress(Endpoints.of(publicIp, 40000)));
        }
        Site site = net.addNat(name, net.internet(), preset.config(), publicIp, latencyNs, 0);
        // What a STUN binding would show: the mapping toward the rendezvous.
        long mapped = site.nat().outbound(0, Endpoints.of("10.0.0.2", 40000), Endpoints.fromSocketAddress(STUN));
        return new Side(site, "10.0.0.2", Endpoints.toSocketAddress(mapped));
    }

    @Test
    void everyPairOfNatTypesMeetsItsTheoreticalOutcome() {
        StringBuilder table = new StringBuilder("\nNAT pair -> expected, measured (30 seeds)\n");
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < TYPES.size(); i++) {
            for (int j = i; j < TYPES.size(); j++) {
                NatPreset a = TYPES.get(i);
                NatPreset b = TYPES.get(j);
                int ok = 0;
                int runs = 30;
                for (int seed = 1; seed <= runs; seed++) {
                    if (attempt(a, b, seed, PunchConfig.DEFAULT)) {
                        ok++;
                    }
                }
                Outcome e = expected(a, b);
                table.append(String.format("%-22s %-22s %-13s %3d%%%n", a.id(), b.id(), e, 100 * ok / runs));
                boolean fits = switch (e) {
                    case DIRECT -> ok == runs;
                    case RELAY -> ok == 0;
                    case PROBABILISTIC -> ok >= runs / 2 && ok < runs;
                };
                if (!fits) {
                    wrong.add(a.id() + "/" + b.id() + ": expected " + e + ", got " + ok + "/" + runs);
                }
            }
        }
        System.out.println(table);
        assertThat(wrong).as(table.toString()).isEmpty();
    }

    @Test
    void withoutBirthdayProbingPortRestrictedVersusRandomSymmetricNeverMeets() {
        PunchConfig none = PunchConfig.DEFAULT.withBirthdayBudget(0);
        for (int seed = 1; seed <= 10; seed++) {
            assertThat(attempt(NatPreset.PORT_RESTRICTED, NatPreset.SYMMETRIC_RANDOM, seed, none)).isFalse();
        }
    }

    @Test
    void plannerSkipsWhatCannotWork() {
        PunchPlan both = PunchPlanner.plan(summaryOf(NatPreset.SYMMETRIC_RANDOM), summaryOf(NatPreset.SYMMETRIC_RANDOM),
                List.of(new Candidate(Candidate.Type.SERVER_REFLEXIVE, STUN)), PunchConfig.DEFAULT);
        assertThat(both.relayOnly()).isTrue();
        PunchPlan easy = PunchPlanner.plan(summaryOf(NatPreset.PORT_RESTRICTED), summaryOf(NatPreset.PORT_RESTRICTED),
                List.of(new Candidate(Candidate.Type.SERVER_REFLEXIVE, STUN)), PunchConfig.DEFAULT);
        assertThat(easy.extraSockets()).isZero();
        assertThat(easy.randomProbes()).isZero();
        assertThat(easy.targets()).containsExactly(STUN);
        PunchPlan seq = PunchPlanner.plan(summaryOf(NatPreset.PORT_RESTRICTED), summaryOf(NatPreset.SYMMETRIC_SEQUENTIAL),
                List.of(new Candidate(Candidate.Type.SERVER_REFLEXIVE, STUN)), PunchConfig.DEFAULT);
        assertThat(seq.targets()).hasSize(PunchConfig.DEFAULT.sequentialPredictions() + 1);
        assertThat(seq.targets().getFirst().getPort()).isEqualTo(STUN.getPort() + 1);
        PunchPlan hard = PunchPlanner.plan(summaryOf(NatPreset.SYMMETRIC_RANDOM), summaryOf(NatPreset.PORT_RESTRICTED),
                List.of(new Candidate(Candidate.Type.SERVER_REFLEXIVE, STUN)), PunchConfig.DEFAULT);
        assertThat(hard.extraSockets()).isEqualTo(256);
        PunchPlan unknown = PunchPlanner.plan(NatSummary.unknown(), NatSummary.unknown(),
                List.of(new Candidate(Candidate.Type.SERVER_REFLEXIVE, STUN)), PunchConfig.DEFAULT);
        assertThat(unknown.relayOnly()).isFalse();
        assertThat(unknown.extraSockets() + unknown.randomProbes()).isZero();
    }
}
