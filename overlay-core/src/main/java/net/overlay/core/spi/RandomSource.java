package net.overlay.core.spi;

import java.util.random.RandomGenerator;

/**
 * Randomness injected into protocol code: a fast, seedable generator for protocol choices
 * (port guesses, jitter, connection ids) and a separate source of key material.
 *
 * <p>In deployment {@link #nextKeyBytes(byte[])} is backed by the operating system's CSPRNG and
 * {@link #generator()} by a generator seeded from it; in the simulator both come from the
 * scenario's seed so that a run is repeatable. Not thread-safe: one instance per state machine
 * (or per driver).
 */
public interface RandomSource {

    /** Generator for non-secret protocol choices. */
    RandomGenerator generator();

    /** Fills {@code out} with key material (ephemeral keys, nonces that must not be guessed). */
    void nextKeyBytes(byte[] out);

    /** A repeatable source: both streams derive from {@code seed}. For tests and simulation only. */
    static RandomSource seeded(long seed) {
        return new SeededRandomSource(seed);
    }
}
