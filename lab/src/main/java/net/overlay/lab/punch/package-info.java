/**
 * The {@code punch-matrix} scenario: for every pair of NAT presets, many attempts of both sides'
 * {@link net.overlay.core.proto.traversal.PunchPlan}s on the in-memory
 * {@link net.overlay.core.testing.VirtualNetwork} with bare datagrams
 * ({@link net.overlay.core.testing.BarePunchRunner}). It checks the punch planner and the NAT models,
 * not yet the encrypted protocol. The quickstart scenario reuses it.
 */
package net.overlay.lab.punch;
