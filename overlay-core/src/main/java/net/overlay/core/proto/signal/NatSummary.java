package net.overlay.core.proto.signal;

import net.overlay.core.proto.traversal.FilteringBehavior;
import net.overlay.core.proto.traversal.MappingBehavior;
import net.overlay.core.proto.traversal.PortAllocation;

/**
 * What a peer tells the other about its NAT, so that both pick punching strategies that can work:
 * the RFC 4787 behaviours its discovery found, or {@link #unknown()}.
 *
 * @param natted whether there is a NAT at all (false: the reflexive address is the local one)
 * @param mapping mapping behaviour, or null when unknown
 * @param filtering filtering behaviour, or null when unknown
 * @param allocation port allocation, or null when unknown
 * @param portStep the step of sequential allocation (1 when not sequential)
 */
public record NatSummary(boolean natted, MappingBehavior mapping, FilteringBehavior filtering,
        PortAllocation allocation, int portStep) {

    public NatSummary {
        if (portStep < 1 || portStep > 65535) {
            throw new IllegalArgumentException("portStep must be 1..65535, got " + portStep);
        }
    }

    /** Nothing known: peers then try every strategy within their budgets. */
    public static NatSummary unknown() {
        return new NatSummary(true, null, null, null, 1);
    }

    /** No NAT: reachable at the reflexive address. */
    public static NatSummary open() {
        return new NatSummary(false, MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ENDPOINT_INDEPENDENT,
                PortAllocation.PRESERVING, 1);
    }

    /** "Hard" in Tailscale's words: a new random port per destination, nothing to predict. */
    public boolean isHard() {
        return natted && mapping != null && mapping != MappingBehavior.ENDPOINT_INDEPENDENT
                && allocation == PortAllocation.RANDOM;
    }

    /** A mapping that other peers can learn from the rendezvous's view of it. */
    public boolean isEndpointIndependent() {
        return !natted || mapping == MappingBehavior.ENDPOINT_INDEPENDENT;
    }
}
