/**
 * Models of NAT boxes (RFC 4787 mapping, filtering, port allocation, timeouts, hairpinning, the
 * Linux conntrack collision) on packed IPv4 endpoints, in virtual time. Used by the in-memory test
 * network of overlay-core and by the simulator's NAT actors; never by the real agents.
 */
package net.overlay.core.nat;
