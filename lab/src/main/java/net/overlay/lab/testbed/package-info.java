/**
 * The real-NAT testbed: Linux network namespaces joined by veth pairs into a routed "internet"
 * (two edge routers and a chain of core routers) with sites behind nftables NAT, link loss by
 * nftables random drops, rate by {@code tc tbf} and delay by a user-space {@link
 * net.overlay.lab.testbed.DelayLine} on a TUN detour. {@link net.overlay.lab.testbed.Testbed}
 * describes one testbed and plans the commands; {@link net.overlay.lab.testbed.TestbedControl} runs
 * them ({@code up}, {@code down}, {@code status}); {@link net.overlay.lab.testbed.TestbedAgents}
 * runs the real rendezvous, device agent and clients inside it as separate processes ({@link
 * net.overlay.lab.testbed.NsProcess}), and {@link net.overlay.lab.testbed.PathMeter} counts which
 * path their packets took. Called by {@code ./overlay testbed} and by root-only tests. Needs root
 * and the {@code ip}, {@code nft} and {@code tc} tools; see docs/testbed.md.
 */
package net.overlay.lab.testbed;
