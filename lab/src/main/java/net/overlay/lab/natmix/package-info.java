/**
 * The {@code nat-mix} scenario: the share of connections that end on a direct path for a population
 * of devices and clients whose NATs are drawn from weighted mixes, each attempt running the full
 * protocol ({@link net.overlay.lab.punch.ProtocolAttempt}) with and without birthday probing, set
 * against published direct-connection rates. Found by the scenario catalogue.
 */
package net.overlay.lab.natmix;
