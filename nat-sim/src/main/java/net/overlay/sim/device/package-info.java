/**
 * The simulator's device workload (issue #5): overlay-core's real device, client and rendezvous
 * machines on the engine's nodes, each device and client behind an RFC 4787 NAT model, with link
 * latencies from a map of regions; carrier networks (CGNAT boxes shared by many subscribers,
 * cascades, hairpinning) and downlink bottlenecks on overlay-core's {@code netsim}; a JSON scenario ({@link net.overlay.sim.device.SpecReader}) and
 * per-connection measurement records.
 *
 * <p>Callers: {@code ./overlay sim bench --devices N} (lab's {@code SimBench}), lab scenarios and tests,
 * through {@link net.overlay.sim.device.DeviceSimulation#run}. Runs on the engine's region actors;
 * deterministic for a given spec and seed whatever the thread or region count.
 */
package net.overlay.sim.device;
