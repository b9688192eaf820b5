/**
 * The {@code keepalive} scenario: how long a NAT mapping survives against the interval of a
 * device's keepalives, for several mapping timeouts, measured on the NAT model inside the in-memory
 * {@link net.overlay.core.testing.VirtualNetwork} (a device sending keepalives, a rendezvous probing
 * the address it last saw). The quickstart scenario reuses it.
 */
package net.overlay.lab.keepalive;
