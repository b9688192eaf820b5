/**
 * The {@code scale} lab scenario: the simulator's device workload ({@code net.overlay.sim.device})
 * at a list of sizes, recording per size the wall and CPU time, events and events per second, the
 * peak heap and the live heap per device with its split, and the connection outcomes; charts and a
 * reading with the extrapolation to a million devices. Found by the scenario catalogue
 * ({@code ScenarioCatalog}).
 */
package net.overlay.lab.scale;
