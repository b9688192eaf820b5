package net.overlay.core.proto.traversal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * What one side does to open a direct path, decided before the first packet from what both sides
 * know about their NATs ({@link PunchPlanner}).
 *
 * @param targets addresses to prime and probe from our primary socket every round: the peer's
 *     candidates and, toward a sequential NAT, the ports it will likely hand out next
 * @param extraSockets birthday, hard side: how many extra local sockets each send toward
 *     {@code targets}, making as many mappings on our random NAT
 * @param randomProbes birthday, easy side: how many random ports of {@code randomProbeAddress} to probe
 * @param randomProbeAddress the hard side's address whose ports we guess, or null
 * @param prime whether to send low-TTL priming packets first (we are behind a NAT)
 * @param relayOnly no strategy can work for this pair: do not punch at all
 * @param reason one line for logs and lab reports
 */
public record PunchPlan(
        List<InetSocketAddress> targets,
        int extraSockets,
        int randomProbes,
        InetSocketAddress randomProbeAddress,
        boolean prime,
        boolean relayOnly,
        String reason) {

    public PunchPlan {
        targets = List.copyOf(targets);
        Objects.requireNonNull(reason, "reason");
        if (extraSockets < 0 || randomProbes < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (randomProbes > 0 && randomProbeAddress == null) {
            throw new IllegalArgumentException("random probes need an address");
        }
    }

    static PunchPlan relayOnly(String reason) {
        return new PunchPlan(List.of(), 0, 0, null, false, true, reason);
    }
}
