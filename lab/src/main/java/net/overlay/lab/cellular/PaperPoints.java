package net.overlay.lab.cellular;

import java.util.List;
import java.util.Map;

/**
 * The Sprout paper's results (Winstein's thesis plots, as REFERENCE.md tabulates them) for the
 * traces of ours that we take to be the same links: the AT&T LTE recordings for the paper's
 * "AT&T LTE", the T-Mobile UMTS recordings for its "T-Mobile 3G". The paper's Verizon LTE has no
 * counterpart among the shared traces (ours is Verizon EVDO, a 3G link), nor does T-Mobile LTE.
 */
final class PaperPoints {
    /** One scheme on one link: throughput and self-inflicted delay as the paper reports them. */
    record Point(String scheme, double throughputKbps, double selfInflictedMs) {}

    private static final List<String> SCHEMES = List.of("Sprout", "Sprout-EWMA", "Cubic", "Vegas", "LEDBAT",
            "Compound", "Skype");

    private static final Map<String, double[]> BY_TRACE = Map.of(
            "ATT-LTE-driving.down", new double[] {2304, 52, 3822, 161, 1208, 5426, 1025, 197, 988, 254, 940, 288,
                737, 325},
            "ATT-LTE-driving.up", new double[] {412, 127, 862, 350, 841, 24262, 693, 374, 844, 877, 740, 1236, 428,
                1258},
            "TMobile-UMTS-driving.down", new double[] {680, 331, 1600, 487, 668, 8350, 762, 499, 781, 569, 761, 1472,
                475, 1584},
            "TMobile-UMTS-driving.up", new double[] {370, 136, 833, 252, 971, 32640, 693, 551, 850, 1775, 607, 826,
                320, 761});

    private static final Map<String, String> PAPER_LINK = Map.of("ATT-LTE-driving.down", "AT&T LTE down",
            "ATT-LTE-driving.up", "AT&T LTE up", "TMobile-UMTS-driving.down", "T-Mobile 3G down",
            "TMobile-UMTS-driving.up", "T-Mobile 3G up");

    private PaperPoints() {}

    /** The paper's points for a trace file name, empty when we assume no correspondence. */
    static List<Point> of(String traceLabel) {
        double[] v = BY_TRACE.get(traceLabel);
        if (v == null) {
            return List.of();
        }
        return java.util.stream.IntStream.range(0, SCHEMES.size())
                .mapToObj(i -> new Point(SCHEMES.get(i), v[2 * i], v[2 * i + 1])).toList();
    }

    /** The paper's name of the link a trace stands for, or null. */
    static String paperLink(String traceLabel) {
        return PAPER_LINK.get(traceLabel);
    }
}
