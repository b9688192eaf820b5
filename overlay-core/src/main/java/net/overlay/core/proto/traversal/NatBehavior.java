package net.overlay.core.proto.traversal;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link NatDiscovery} learned about the NAT (or NATs) between a host and the internet, in
 * RFC 4787's vocabulary. The device sends it with its registration; the rendezvous and the punch
 * planner read it. Immutable.
 *
 * @param reflexiveAddress the server-reflexive address of the primary socket (RFC 5780 test I),
 *     empty when nothing answered
 * @param natAbsent whether that address equals the socket's local one (no translation; a firewall
 *     may still filter); false when unknown
 * @param mapping endpoint-, address- or address-and-port-dependent mapping (RFC 5780 4.3)
 * @param filtering endpoint-, address- or address-and-port-dependent filtering (RFC 5780 4.4)
 * @param allocation how new mappings get their external port
 * @param portStep the step between successive ports when allocation is sequential, else 0
 * @param udpBlocked whether no test got any answer at all
 * @param durationNs how long discovery took
 * @param lastMappedPort the external port of the newest mapping discovery saw, or 0: with sequential
 *     allocation, the next new destination gets this port plus the step, which is what a peer must
 *     aim at (the reflexive address of the primary socket is older)
 */
public record NatBehavior(
        Optional<InetSocketAddress> reflexiveAddress,
        boolean natAbsent,
        Verdict<MappingBehavior> mapping,
        Verdict<FilteringBehavior> filtering,
        Verdict<PortAllocation> allocation,
        int portStep,
        boolean udpBlocked,
        long durationNs,
        int lastMappedPort) {

    public NatBehavior {
        Objects.requireNonNull(reflexiveAddress, "reflexiveAddress");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(filtering, "filtering");
        Objects.requireNonNull(allocation, "allocation");
        if (portStep != 0 && !allocation.equals(Verdict.decided(PortAllocation.SEQUENTIAL))) {
            throw new IllegalArgumentException("portStep is only meaningful for sequential allocation");
        }
    }
}
