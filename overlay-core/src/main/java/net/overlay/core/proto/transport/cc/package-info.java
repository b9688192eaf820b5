/**
 * The congestion controllers that ship with overlay: {@code newreno} (RFC 9002), {@code cubic}
 * (RFC 9438), {@code vegas}, {@code ledbat} (RFC 6817), {@code bbr} (a BBR-style model-based
 * controller), and the receiver-driven {@code sprout} and {@code sprout-ewma}. Each implements
 * {@link net.overlay.core.spi.cc.CongestionControl} and has a nested {@code Factory} registered
 * for {@link java.util.ServiceLoader}; the session transport creates them through
 * {@link net.overlay.core.spi.cc.CongestionControls} and calls them on its host's thread.
 * Sans-IO like the rest of {@code proto}: time arrives as {@code nowNs}, randomness comes from the
 * configured seed, and per-ack paths work on primitive fields without allocating.
 * docs/congestion-control.md describes each controller and what it simplifies.
 */
package net.overlay.core.proto.transport.cc;
