/**
 * NAT traversal: the vocabulary of NAT behaviour (RFC 4787); discovery of a NAT's mapping,
 * filtering and port allocation (RFC 5780 4.3, 4.4: {@code NatDiscovery}); binding-lifetime tests
 * (RFC 5780 4.6: {@code LifetimeProbe}) and the keepalive interval they justify
 * ({@code KeepalivePolicy}); later candidates and hole-punching strategies. Sans-IO; called by the
 * device and client state machines, which embed these machines and feed them STUN datagrams.
 * See {@code docs/discovery.md}.
 */
package net.overlay.core.proto.traversal;
