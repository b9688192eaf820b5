/**
 * A discrete-event model of congestion-controlled flows over one bottleneck link (FIFO queue,
 * constant, stepped, synthetic or Mahimahi-trace delivery schedules, fixed one-way delays), for
 * comparing controllers of {@link net.overlay.core.spi.cc}. Used by the controllers' tests and by
 * the lab's {@code cc-cellular} scenario. {@link net.overlay.core.netsim.ModelPath} and
 * {@link net.overlay.core.netsim.TransportTracePair} put whole transports on such links instead
 * (per-byte accounting of the trace's opportunities), for the media channel's tests and the lab's
 * {@code video-qos} scenario. Outside {@code proto} because it reads trace files; it
 * reads no clock and draws randomness only from explicit seeds.
 */
package net.overlay.core.netsim;
