package net.overlay.core.proto.traversal;

/**
 * Which inbound packets a NAT lets through an existing mapping (RFC 4787 section 5).
 */
public enum FilteringBehavior {
    /** Anyone may send to the mapping ("full cone"). */
    ENDPOINT_INDEPENDENT,
    /** Only IP addresses the internal endpoint has sent to ("restricted cone"). */
    ADDRESS_DEPENDENT,
    /** Only exact IP address and port pairs the internal endpoint has sent to ("port-restricted"). */
    ADDRESS_AND_PORT_DEPENDENT
}
