/**
 * The in-memory internet: NAT boxes, latency, loss and TTL in virtual time on one thread
 * ({@code VirtualNetwork}), the sequential reference engine on which protocol tests (here and in
 * the other modules) and the lab's small scenarios drive real state machines without actors or
 * sockets; and a bare-datagram runner of punch plans. The actor simulator (nat-sim) is the engine
 * for scale.
 */
package net.overlay.core.testing;
