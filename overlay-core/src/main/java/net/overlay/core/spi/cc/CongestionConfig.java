package net.overlay.core.spi.cc;

import java.util.Map;

/**
 * What a controller is created with.
 *
 * @param maxDatagramBytes the transport's datagram size (1200 by default)
 * @param initialWindowBytes RFC 9002 7.2: ten datagrams, capped as the RFC says
 * @param minimumWindowBytes RFC 9002 7.2: two datagrams
 * @param seed for controllers that randomise (e.g. BBR's probe phases): derive all randomness from it
 * @param parameters algorithm-specific settings from a scenario file or config, as strings
 */
public record CongestionConfig(
        int maxDatagramBytes,
        long initialWindowBytes,
        long minimumWindowBytes,
        long seed,
        Map<String, String> parameters) {

    public CongestionConfig {
        if (maxDatagramBytes < 1200 || maxDatagramBytes > 65507) {
            throw new IllegalArgumentException("maxDatagramBytes must be 1200..65507, got " + maxDatagramBytes);
        }
        if (minimumWindowBytes <= 0 || initialWindowBytes < minimumWindowBytes) {
            throw new IllegalArgumentException("need 0 < minimumWindowBytes <= initialWindowBytes");
        }
        parameters = Map.copyOf(parameters);
    }

    /** RFC 9002's defaults for a datagram size: initial window min(10 x size, max(2 x size, 14720)). */
    public static CongestionConfig defaults(int maxDatagramBytes, long seed) {
        long initial = Math.min(10L * maxDatagramBytes, Math.max(2L * maxDatagramBytes, 14_720L));
        return new CongestionConfig(maxDatagramBytes, initial, 2L * maxDatagramBytes, seed, Map.of());
    }

    /** A parameter as a double, or {@code defaultValue}; a malformed value is a clear error. */
    public double parameter(String name, double defaultValue) {
        String v = parameters.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("congestion-control parameter '" + name + "' must be a number, got '" + v + "'");
        }
    }
}
