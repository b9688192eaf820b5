package net.overlay.lab.soak;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@link SoakPump} run reported in its {@code pump done} line.
 *
 * @param seconds how long the run took, draining included
 * @param sentBytes bytes written into the tunnel
 * @param receivedBytes bytes that came back
 * @param mismatchedReads reads holding a byte that differs from the pattern at its offset
 * @param maxStallMs the longest wait between two reads that returned data
 * @param stallEndSeconds when that longest wait ended, from the pump's start
 * @param sentSha256 SHA-256 of everything written
 * @param receivedSha256 SHA-256 of everything read
 * @param error the first write or read error, or {@code none}
 */
public record PumpResult(double seconds, long sentBytes, long receivedBytes, long mismatchedReads, long maxStallMs,
        double stallEndSeconds, String sentSha256, String receivedSha256, String error) {
    private static final Pattern DONE = Pattern.compile("pump done seconds=(\\S+) sent=(\\d+) received=(\\d+) "
            + "mismatches=(\\d+) max-stall-ms=(\\d+) stall-end-s=(\\S+) sha256-sent=(\\S+) sha256-received=(\\S+) "
            + "error=(\\S+)");

    /** The pattern of the line, for waiting on it. */
    public static Pattern donePattern() {
        return DONE;
    }

    /** Reads the {@code pump done} line. */
    public static PumpResult parse(Matcher m) {
        return new PumpResult(Double.parseDouble(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Double.parseDouble(m.group(6)), m.group(7),
                m.group(8), m.group(9).replace('_', ' '));
    }

    /** Every byte came back, in order, unchanged, and neither side failed. */
    public boolean intact() {
        return "none".equals(error) && sentBytes == receivedBytes && mismatchedReads == 0
                && sentSha256.equals(receivedSha256);
    }
}
