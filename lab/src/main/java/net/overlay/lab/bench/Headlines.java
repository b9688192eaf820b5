package net.overlay.lab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures a benchmark reports for the one table of {@code ./overlay bench all}: each a value
 * with its unit, and what it is compared with in the same run (another row's figure) or against (a
 * target from the issues), with the ratio or verdict. Benchmarks add to it as they finish; a
 * benchmark run on its own passes {@link #NONE}. Not thread-safe: one benchmark at a time.
 */
public final class Headlines {
    /** One figure. {@code reference} is NaN when there is none; {@code comparedWith} names it. */
    public record Headline(String bench, String figure, double value, String unit, String comparedWith,
            double reference, boolean higherIsBetter) {

        /** value / reference (or reference / value when lower is better), NaN without a reference. */
        public double ratio() {
            if (Double.isNaN(reference) || reference == 0 || Double.isNaN(value)) {
                return Double.NaN;
            }
            return higherIsBetter ? value / reference : reference / value;
        }
    }

    /** A sink that keeps nothing, for a benchmark run by itself. */
    public static final Headlines NONE = new Headlines(false);

    private final boolean keep;
    private final List<Headline> all = new ArrayList<>();

    private Headlines(boolean keep) {
        this.keep = keep;
    }

    public static Headlines collecting() {
        return new Headlines(true);
    }

    void add(String bench, String figure, double value, String unit, String comparedWith, double reference,
            boolean higherIsBetter) {
        if (keep) {
            all.add(new Headline(bench, figure, value, unit, comparedWith, reference, higherIsBetter));
        }
    }

    void add(String bench, String figure, double value, String unit) {
        add(bench, figure, value, unit, "", Double.NaN, true);
    }

    public List<Headline> all() {
        return List.copyOf(all);
    }

    /** The table as markdown: bench, figure, value, compared with, ratio (>= 1: as good or better). */
    public String markdown() {
        StringBuilder b = new StringBuilder("| bench | figure | value | compared with | ratio |\n|---|---|---|---|---|\n");
        for (Headline h : all) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s |%n", h.bench(), h.figure(),
                    number(h.value()), h.unit(), h.comparedWith().isEmpty() ? "" : h.comparedWith() + ": "
                            + number(h.reference()) + " " + h.unit(),
                    Double.isNaN(h.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", h.ratio())));
        }
        return b.toString();
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
