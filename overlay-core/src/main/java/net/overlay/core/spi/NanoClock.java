package net.overlay.core.spi;

/**
 * The one way protocol hosts learn the time. Drivers read it once per duty cycle and pass the
 * value down as {@code nowNs}; protocol code never calls it itself.
 *
 * <p>Real deployments use {@link #system()}; the simulator supplies virtual time. Values are
 * monotonic nanoseconds from an arbitrary origin, comparable only with values from the same clock.
 */
@FunctionalInterface
public interface NanoClock {

    /** Monotonic time in nanoseconds. */
    long nowNs();

    /** The host's monotonic clock. Only drivers, never protocol code, may use it. */
    static NanoClock system() {
        return System::nanoTime;
    }
}
