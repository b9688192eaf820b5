package net.overlay.core.spi.cc;

/**
 * The transport's round-trip estimates after RFC 9002 section 5, read-only for controllers.
 * Before the first sample, smoothed RTT is the initial RTT (333 ms) and min RTT is 0.
 */
public interface RttView {
    /** The most recent RTT sample (adjusted for ack delay), or 0 before any. */
    long latestRttNs();

    long smoothedRttNs();

    long rttVarianceNs();

    /** The smallest RTT sample seen on this path, or 0 before any. */
    long minRttNs();
}
