package net.overlay.core.proto.traversal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.overlay.core.proto.signal.Candidate;
import net.overlay.core.proto.signal.NatSummary;

/**
 * Chooses the punching strategies that can work for a pair of NATs and skips those that cannot.
 * Both sides run it with the roles swapped and, knowing the same facts, agree without talking:
 *
 * <ul>
 *   <li>both sides "hard" (address-dependent mapping with random ports): nothing predicts the port
 *       either side will use toward the other, and guessing needs tens of thousands of probes a side
 *       for even odds (REFERENCE.md, nat-birthday-paradox): relay only;
 *   <li>the peer's NAT allocates sequentially: its mapping toward us is likely one of the next few
 *       ports after the one the rendezvous saw, so those are probed first, in order;
 *   <li>one side hard, the other sequential symmetric: relay only (nothing can be aimed);
 *   <li>one side hard, the other with endpoint-independent mapping and port-dependent filtering:
 *       birthday probing (with laxer filtering, plain probes from the hard side get in). The hard side opens many sockets toward the easy
 *       side's reflexive address (the easy side's mapping is endpoint-independent, so that address is
 *       right for everyone); the easy side guesses random ports of the hard side's address. A guess
 *       that hits one of the hard side's mappings passes both NATs;
 *   <li>otherwise: simultaneous probes to the peer's candidates, which opens every pair of
 *       endpoint-independent NATs whatever their filtering.
 * </ul>
 * Priming (a low-TTL first packet) is used whenever we are behind a NAT. Pure and stateless.
 */
public final class PunchPlanner {
    private PunchPlanner() {}

    private static boolean isSequentialSymmetric(NatSummary n) {
        return n.natted() && n.allocation() == PortAllocation.SEQUENTIAL && !n.isEndpointIndependent();
    }

    /** Port-dependent filtering, or unknown filtering (assume the worst). */
    private static boolean filtersByPort(NatSummary n) {
        return n.natted() && (n.filtering() == null || n.filtering() == FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
    }

    private static InetSocketAddress first(List<Candidate> cs, Candidate.Type type) {
        for (Candidate c : cs) {
            if (c.type() == type) {
                return c.address();
            }
        }
        return null;
    }

    public static PunchPlan plan(NatSummary local, NatSummary remote, List<Candidate> remoteCandidates, PunchConfig config) {
        if (local.isHard() && remote.isHard()) {
            return PunchPlan.relayOnly("both NATs map each destination to a random port: relay only");
        }
        if (local.isHard() && isSequentialSymmetric(remote) || remote.isHard() && isSequentialSymmetric(local)) {
            // The sequential side's next port is predictable but the random side's is not, and the
            // sequential side's mapping differs per destination, so birthday probing cannot aim either.
            return PunchPlan.relayOnly("random symmetric NAT against a sequential symmetric one: relay only");
        }
        InetSocketAddress reflexive = first(remoteCandidates, Candidate.Type.SERVER_REFLEXIVE);
        // The peer's own guess at its next port (its newest mapping plus the step) beats ours from the
        // reflexive address, which is older: other mappings may have been made since.
        InetSocketAddress predicted = first(remoteCandidates, Candidate.Type.PREDICTED);
        Set<InetSocketAddress> targets = new LinkedHashSet<>();
        List<String> why = new ArrayList<>();
        if (reflexive != null && isSequentialSymmetric(remote)) {
            // Predictions go first, in order: each of our packets to a new destination makes our own
            // (possibly sequential) NAT take its next port, and when both sides are sequential, sending
            // the i-th packet to the peer's i-th next port pairs mapping i with mapping i on both NATs.
            int step = remote.portStep();
            InetSocketAddress base = predicted != null ? predicted : reflexive;
            int firstPort = predicted != null ? predicted.getPort() : reflexive.getPort() + step;
            for (int k = 0; k < config.sequentialPredictions(); k++) {
                int port = firstPort + k * step;
                if (port < 1 || port > 65535) {
                    break;
                }
                targets.add(new InetSocketAddress(base.getAddress(), port));
            }
            why.add("predict " + targets.size() + " sequential port(s) with step " + step);
        }
        if (reflexive != null) {
            targets.add(reflexive);
        }
        for (Candidate c : remoteCandidates) {
            targets.add(c.address());
        }
        why.add("probe " + remoteCandidates.size() + " candidate(s)");
        int extraSockets = 0;
        int randomProbes = 0;
        InetSocketAddress randomAddress = null;
        // Birthday probing needs the easy side's mapping to be the same toward every port of the hard
        // side, so that the hard side's many sockets all aim at it: endpoint-independent mapping. It is
        // only needed when the easy side filters by port too: otherwise the hard side's ordinary probes
        // get in once the easy side has sent anything to the hard side's address.
        if (config.birthdayBudget() > 0 && reflexive != null && local.isHard() && remote.isEndpointIndependent()
                && filtersByPort(remote)) {
            extraSockets = config.birthdayBudget();
            why.add("birthday: open " + extraSockets + " sockets toward the easy side");
        } else if (config.birthdayBudget() > 0 && reflexive != null && remote.isHard() && local.isEndpointIndependent()
                && filtersByPort(local)) {
            randomProbes = config.birthdayBudget();
            randomAddress = reflexive;
            why.add("birthday: guess " + randomProbes + " ports of the hard side");
        }
        return new PunchPlan(new ArrayList<>(targets), extraSockets, randomProbes, randomAddress, local.natted(),
                false, String.join("; ", why));
    }
}
