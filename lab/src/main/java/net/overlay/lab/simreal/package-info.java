/**
 * The {@code sim-vs-real} lab scenario: the same NAT pairs on the namespace testbed (the kernel's
 * nftables masquerade, real agents as separate JVMs: {@code net.overlay.lab.testbed}) and in the
 * simulator's device workload with the matching NAT presets, and a table of where the outcomes
 * agree and why where they do not. Needs root for the testbed; found by the scenario catalogue
 * ({@code ScenarioCatalog}).
 */
package net.overlay.lab.simreal;
