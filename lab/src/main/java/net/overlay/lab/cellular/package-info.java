/**
 * The {@code cc-cellular} scenario: every shipped congestion controller (and one named by
 * {@code --cc}) over cellular link traces on the discrete-event link model of
 * {@link net.overlay.core.netsim}, in the Sprout paper's emulation (20 ms each way, unbounded FIFO),
 * measuring throughput and self-inflicted delay, set against the paper's figures. Found by the
 * scenario catalogue.
 */
package net.overlay.lab.cellular;
