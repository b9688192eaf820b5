/**
 * Soak and fault runs on the real-NAT testbed (issue #9, hardening; docs/hardening.md). {@link
 * net.overlay.lab.soak.SoakRun} builds a testbed with loss, runs the dev rendezvous, a device and a
 * client as processes ({@link net.overlay.lab.testbed.TestbedAgents}), and pushes a known byte
 * stream ({@link net.overlay.lab.soak.StreamPattern}) through the tunnel to an {@link
 * net.overlay.lab.soak.EchoServer} and back with a {@link net.overlay.lab.soak.SoakPump}, which
 * checks every byte and both SHA-256 digests, while {@link net.overlay.lab.soak.HeapSampler} samples
 * the agents' live heap with {@code jcmd}. Called by {@code ./overlay soak} and by the root-only
 * soak and fault tests in {@code net.overlay.lab.testbed.it}. The pump and the echo server are main
 * classes run inside the namespaces.
 */
package net.overlay.lab.soak;
