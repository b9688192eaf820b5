package net.overlay.core.proto.traversal;

/**
 * How a NAT chooses the external port of a new mapping (RFC 4787 section 4.2): what decides whether
 * a peer can predict the port of a mapping that does not exist yet.
 */
public enum PortAllocation {
    /** The internal port is kept when free (Linux masquerade, many home routers). */
    PRESERVING,
    /** Each new mapping takes the previous one's port plus a fixed step: predictable. */
    SEQUENTIAL,
    /** Ports drawn at random from a range: only birthday probing helps. */
    RANDOM
}
