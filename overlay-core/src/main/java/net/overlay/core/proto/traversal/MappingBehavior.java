package net.overlay.core.proto.traversal;

/**
 * How a NAT reuses an external mapping for packets from one internal endpoint to different
 * destinations (RFC 4787 section 4.1). Discovered by a device with RFC 5780 tests and used to pick
 * punching strategies.
 */
public enum MappingBehavior {
    /** Same external endpoint for every destination ("easy", cone NATs). RFC 4787 REQ-1 asks for it. */
    ENDPOINT_INDEPENDENT,
    /** A new external endpoint per destination IP address. */
    ADDRESS_DEPENDENT,
    /** A new external endpoint per destination IP address and port ("symmetric", "hard"). */
    ADDRESS_AND_PORT_DEPENDENT;

    /** Whether the mapping seen by one peer (e.g. STUN) predicts the one another peer sees. */
    public boolean isEndpointIndependent() {
        return this == ENDPOINT_INDEPENDENT;
    }
}
