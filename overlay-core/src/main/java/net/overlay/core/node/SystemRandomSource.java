package net.overlay.core.node;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import net.overlay.core.spi.RandomSource;

/**
 * The deployment {@link RandomSource}: key material straight from the operating system's CSPRNG,
 * protocol choices from a fast generator seeded from it. Prefers {@code NativePRNGNonBlocking}
 * ({@code /dev/urandom}): the kernel pool is seeded once the system is up, and a daemon must
 * never stall at boot waiting on {@code /dev/random}. Falls back to the platform default
 * {@link SecureRandom} where that algorithm does not exist (Windows).
 *
 * <p>Callers: node start-up, the {@code keys generate} command. Not thread-safe, like every
 * {@code RandomSource}: one per state machine or driver.
 */
public final class SystemRandomSource implements RandomSource {
    private final SecureRandom secure;
    private final RandomGenerator generator;

    public SystemRandomSource() {
        this.secure = nonBlockingSecureRandom();
        this.generator = new SplittableRandom(secure.nextLong());
    }

    @Override
    public RandomGenerator generator() {
        return generator;
    }

    @Override
    public void nextKeyBytes(byte[] out) {
        secure.nextBytes(out);
    }

    /** The algorithm in use, for logs ({@code NativePRNGNonBlocking} on Linux and macOS). */
    public String algorithm() {
        return secure.getAlgorithm();
    }

    private static SecureRandom nonBlockingSecureRandom() {
        try {
            return SecureRandom.getInstance("NativePRNGNonBlocking");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
