/**
 * The {@code punch-matrix} scenario: for every pair of NAT presets, many attempts on the in-memory
 * {@link net.overlay.core.testing.VirtualNetwork} with the NAT models. The default engine runs the
 * full protocol ({@link net.overlay.lab.punch.ProtocolAttempt} on a
 * {@link net.overlay.core.testing.TraversalWorld}: discovery, registration, a relay-first Noise
 * session, punching, migration); the {@code bare} engine runs only both sides'
 * {@link net.overlay.core.proto.traversal.PunchPlan}s with bare datagrams
 * ({@link net.overlay.core.testing.BarePunchRunner}). The quickstart scenario reuses it.
 */
package net.overlay.lab.punch;
