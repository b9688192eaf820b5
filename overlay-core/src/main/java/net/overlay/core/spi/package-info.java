/**
 * Ports through which hosts drive the protocol state machines: time ({@code NanoClock}),
 * randomness ({@code RandomSource}) and datagram output ({@code DatagramPort}). The real node and
 * the simulator each supply their own implementations; protocol code sees only these interfaces.
 */
package net.overlay.core.spi;
