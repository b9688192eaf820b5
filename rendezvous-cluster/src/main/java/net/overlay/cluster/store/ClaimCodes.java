package net.overlay.cluster.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import net.overlay.core.spi.RandomSource;

/**
 * Device claim codes: a one-time secret an administrator hands to whoever installs a device; the
 * device agent presents it at first start to bind its key to the code's owner. The text form is 16
 * characters of the RFC 4648 base32 alphabet in four groups ({@code ABCD-EFGH-JKLM-NPQR}): 80
 * random bits, so guessing one of a few outstanding codes is hopeless even without rate limits.
 * Only the SHA-256 of the normalised code is stored, so the journal holds no usable code.
 * Stateless; callers: the admin API (issue), the claim endpoint (redeem).
 */
public final class ClaimCodes {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int CODE_CHARS = 16;
    private static final int GROUP_CHARS = 4;

    private ClaimCodes() {}

    /** A fresh code from {@code random}'s key-material stream. */
    public static String generate(RandomSource random) {
        byte[] bits = new byte[CODE_CHARS * 5 / 8];
        random.nextKeyBytes(bits);
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bufferBits = 0;
        for (byte b : bits) {
            buffer = (buffer << 8) | (b & 0xff);
            bufferBits += 8;
            while (bufferBits >= 5) {
                bufferBits -= 5;
                if (!out.isEmpty() && out.length() % (GROUP_CHARS + 1) == GROUP_CHARS) {
                    out.append('-');
                }
                out.append(ALPHABET.charAt((buffer >>> bufferBits) & 31));
            }
        }
        return out.toString();
    }

    /**
     * The stored form of {@code code}: SHA-256 (hex) of the code uppercased without dashes or
     * spaces, so that {@code abcd efgh ...} typed by hand matches.
     *
     * @throws IllegalArgumentException when {@code code} is not 16 base32 characters
     */
    public static String hash(String code) {
        if (code == null) {
            throw new IllegalArgumentException("claim code is missing");
        }
        String normal = code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (normal.length() != CODE_CHARS || !normal.chars().allMatch(ch -> ALPHABET.indexOf(ch) >= 0)) {
            throw new IllegalArgumentException("a claim code is " + CODE_CHARS + " characters of A-Z and 2-7");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Checks that {@code hash} looks like {@link #hash}'s output (64 lowercase hex digits). */
    static void requireHash(String hash) {
        if (hash == null || hash.length() != 64 || !hash.chars().allMatch(ch -> Character.digit(ch, 16) >= 0
                && !Character.isUpperCase(ch))) {
            throw new IllegalArgumentException("claim code hash must be 64 lowercase hex digits");
        }
    }
}
