/**
 * The virtual-time simulator engine (issue #5): regions of nodes held in primitive arrays, each
 * region a Pekko typed actor, advancing together in conservative windows one lookahead long.
 *
 * <p>Callers: the lab's {@code ./overlay sim bench} command and tests build a {@link
 * net.overlay.sim.SimConfig}, pick a {@link net.overlay.sim.Workload} (for now {@link
 * net.overlay.sim.PingWorkload}) and call {@link net.overlay.sim.Simulation#run}. Nothing here reads
 * a clock or a shared random generator: time is virtual, randomness is per node and seeded.
 */
package net.overlay.sim;
