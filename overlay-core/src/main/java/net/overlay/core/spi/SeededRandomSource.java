package net.overlay.core.spi;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A deterministic {@link RandomSource} for tests and simulation: two independent streams split
 * from one seed, so that drawing key bytes never shifts the protocol-choice stream.
 */
final class SeededRandomSource implements RandomSource {
    private final SplittableRandom choices;
    private final SplittableRandom keys;

    SeededRandomSource(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        this.choices = root.split();
        this.keys = root.split();
    }

    @Override
    public RandomGenerator generator() {
        return choices;
    }

    @Override
    public void nextKeyBytes(byte[] out) {
        keys.nextBytes(out);
    }
}
