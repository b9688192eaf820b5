/**
 * NAT traversal: the vocabulary of NAT behaviour (RFC 4787), discovery (RFC 5780), candidates and
 * hole-punching strategies. Sans-IO; called by the device and client state machines.
 */
package net.overlay.core.proto.traversal;
