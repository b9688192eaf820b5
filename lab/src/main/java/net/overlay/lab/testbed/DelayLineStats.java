package net.overlay.lab.testbed;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delay line's counters: packets written back ({@code passed}), those of them that left out of
 * order (written after a packet that was read later, RFC 4737's "reordered" packets), and packets
 * dropped on a full queue. The line writes them as one text line to its stats file every second
 * and to its log when it stops ({@link DelayLine}); {@link TestbedControl#delayStats} reads them
 * back for {@code status}, the soak and tests. Immutable.
 */
public record DelayLineStats(long passed, long reordered, long dropped) {
    private static final Pattern LINE = Pattern.compile("passed=(\\d+) reordered=(\\d+) dropped=(\\d+)");

    /** The text form, e.g. {@code passed=120 reordered=7 dropped=0}. */
    public String line() {
        return "passed=" + passed + " reordered=" + reordered + " dropped=" + dropped;
    }

    /** The counters in {@code text} (the first stats line in it), if it holds one. */
    public static Optional<DelayLineStats> parse(String text) {
        Matcher m = LINE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DelayLineStats(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Percent of the packets passed that left out of order. */
    public double reorderedPercent() {
        return passed == 0 ? 0 : 100.0 * reordered / passed;
    }

    @Override
    public String toString() {
        return line();
    }
}
