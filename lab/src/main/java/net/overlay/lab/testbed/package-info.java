/**
 * The real-NAT testbed: Linux network namespaces joined by veth pairs into a routed two-hop
 * "internet" with sites behind nftables NAT, link loss by nftables random drops and rate by
 * {@code tc tbf}. {@link net.overlay.lab.testbed.Testbed} describes one testbed and plans the
 * commands; {@link net.overlay.lab.testbed.TestbedControl} runs them ({@code up}, {@code down},
 * {@code status}). Called by {@code ./overlay testbed} and by root-only tests. Needs root and the
 * {@code ip}, {@code nft} and {@code tc} tools; see docs/testbed.md.
 */
package net.overlay.lab.testbed;
