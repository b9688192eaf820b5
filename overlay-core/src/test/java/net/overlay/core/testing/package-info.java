/**
 * Test harness shared through overlay-core's test-jar: an in-memory internet with NAT boxes,
 * latency and loss in virtual time ({@code VirtualNetwork}), and simple scripted machines. Protocol
 * tests here and in nat-sim and lab drive real state machines on it without actors or sockets.
 */
package net.overlay.core.testing;
