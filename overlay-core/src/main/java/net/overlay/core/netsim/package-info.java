/**
 * A discrete-event model of congestion-controlled flows over one bottleneck link (FIFO queue,
 * constant, stepped, synthetic or Mahimahi-trace delivery schedules, fixed one-way delays), for
 * comparing controllers of {@link net.overlay.core.spi.cc}. Used by the controllers' tests and by
 * the lab's {@code cc-cellular} scenario. Outside {@code proto} because it reads trace files; it
 * reads no clock and draws randomness only from explicit seeds.
 */
package net.overlay.core.netsim;
