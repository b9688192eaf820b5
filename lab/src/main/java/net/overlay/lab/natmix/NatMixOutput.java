package net.overlay.lab.natmix;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Line2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import net.overlay.core.nat.NatPreset;
import net.overlay.lab.report.Outputs;
import net.overlay.lab.report.Report;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryLineAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.Layer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Writes a NAT-mix run's data ({@code natmix-attempts.csv}, {@code natmix-pairs.csv},
 * {@code natmix-summary.json}), its chart ({@code natmix-direct}: direct rate per birthday budget
 * with its confidence interval, over the published bands) and its report section. Called by
 * {@link NatMixScenario}.
 */
final class NatMixOutput {
    static final List<String> ATTEMPT_HEADER = List.of("attempt", "seed", "device_nat", "client_nat",
            "birthday_budget", "strategy", "connected", "direct", "relayed", "first_byte_ms", "direct_ms", "fallbacks");

    /** Published direct-connection rates (REFERENCE.md, "Hole-punch success in the wild"): name, low, high %. */
    record Band(String name, double lowPct, double highPct, Color colour) {}

    static final List<Band> BANDS = List.of(
            new Band("libp2p DCUtR 70 +/- 7.1% (Trautwein et al.)", 62.9, 77.1, new Color(0xff7f0e)),
            new Band("WebRTC 78-85% direct (second-hand)", 78, 85, new Color(0x2ca02c)),
            new Band("Tailscale > 90% direct (blog)", 90, 100, new Color(0x9467bd)));

    private NatMixOutput() {}

    static void write(NatMixSettings s, List<NatMixRun.Attempt> attempts, Outputs out) throws IOException {
        List<List<Object>> rows = attempts.stream().map(a -> List.<Object>of(a.index(), a.seed(), a.device().id(),
                a.client().id(), a.birthdayBudget(), a.result().strategy(), a.result().connected(), a.result().success(),
                a.result().relayed(), a.result().firstMs(), a.result().directMs(), a.result().fallbacks())).toList();
        out.csv("natmix-attempts.csv", ATTEMPT_HEADER, rows);
        List<String> pairHeader = pairHeader(s);
        List<List<Object>> pairs = pairs(s, attempts);
        out.csv("natmix-pairs.csv", pairHeader, pairs);
        List<NatMixRun.Rate> rates = NatMixRun.rates(s, attempts);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("attempts", s.attempts());
        json.put("deviceMix", names(s.deviceMix()));
        json.put("clientMix", names(s.clientMix()));
        json.put("arms", rates.stream().map(r -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("birthdayBudget", r.birthdayBudget());
            e.put("attempts", r.attempts());
            e.put("connected", r.connected());
            e.put("direct", r.direct());
            e.put("directPct", round(r.ratePct()));
            e.put("ci95LowPct", round(r.lowPct()));
            e.put("ci95HighPct", round(r.highPct()));
            return e;
        }).toList());
        out.json("natmix-summary.json", json);
        String svg = out.chart("natmix-direct", chart(s, rates), 1000, 620);
        section(s, rates, out.report(), svg, pairHeader, pairs);
    }

    private static Map<String, Integer> names(Map<NatPreset, Integer> mix) {
        Map<String, Integer> m = new LinkedHashMap<>();
        mix.forEach((k, v) -> m.put(k.id(), v));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static List<String> pairHeader(NatMixSettings s) {
        List<String> h = new ArrayList<>(List.of("device_nat", "client_nat", "attempts"));
        for (int b : s.birthdayBudgets()) {
            h.add("direct_budget_" + b);
        }
        return List.copyOf(h);
    }

    /** Per drawn (device, client) pair: attempts and direct successes per budget, most frequent first. */
    private static List<List<Object>> pairs(NatMixSettings s, List<NatMixRun.Attempt> attempts) {
        Map<String, int[]> counts = new TreeMap<>();
        int arms = s.birthdayBudgets().size();
        for (NatMixRun.Attempt a : attempts) {
            int[] c = counts.computeIfAbsent(a.device().id() + "\t" + a.client().id(), k -> new int[1 + arms]);
            int arm = s.birthdayBudgets().indexOf(a.birthdayBudget());
            if (arm == 0) {
                c[0]++;
            }
            if (a.result().success()) {
                c[1 + arm]++;
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        counts.entrySet().stream().sorted((x, y) -> Integer.compare(y.getValue()[0], x.getValue()[0])).forEach(e -> {
            String[] names = e.getKey().split("\t");
            List<Object> row = new ArrayList<>(List.of(names[0], names[1]));
            for (int v : e.getValue()) {
                row.add(v);
            }
            rows.add(row);
        });
        return rows;
    }

    private static JFreeChart chart(NatMixSettings s, List<NatMixRun.Rate> rates) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (NatMixRun.Rate r : rates) {
            data.addValue(r.ratePct(), "direct (%)", barLabel(r));
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setMaximumBarWidth(0.2);
        NumberAxis y = new NumberAxis("connections on a direct path (%)");
        y.setRange(0, 105);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("birthday probing budget (sockets x guesses)"), y,
                renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem("measured direct rate", new Color(0x1f77b4)));
        for (Band b : BANDS) {
            Color c = b.colour();
            IntervalMarker m = new IntervalMarker(b.lowPct(), b.highPct(), new Color(c.getRed(), c.getGreen(),
                    c.getBlue(), 60));
            plot.addRangeMarker(m, Layer.BACKGROUND);
            legend.add(new LegendItem(b.name(), m.getPaint()));
        }
        legend.add(new LegendItem("95% confidence interval (Wilson)", null, null, null, new Line2D.Double(-8, 0, 8, 0),
                new BasicStroke(3f), Color.BLACK));
        plot.setFixedLegendItems(legend);
        for (NatMixRun.Rate r : rates) {
            plot.addAnnotation(new CategoryLineAnnotation(barLabel(r), r.lowPct(), barLabel(r), r.highPct(), Color.BLACK,
                    new BasicStroke(3f)));
        }
        JFreeChart chart = new JFreeChart("Direct connections over a NAT population (" + s.attempts()
                + " attempts per budget, full protocol)", new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String label(NatMixRun.Rate r) {
        return r.birthdayBudget() == 0 ? "no birthday probing" : "birthday budget " + r.birthdayBudget();
    }

    /** The category label on the chart: the arm with its rate and interval. */
    private static String barLabel(NatMixRun.Rate r) {
        return String.format(Locale.ROOT, "%s: %.1f%% (95%% CI %.1f-%.1f)", label(r), r.ratePct(), r.lowPct(),
                r.highPct());
    }

    private static void section(NatMixSettings s, List<NatMixRun.Rate> rates, Report report, String svg,
            List<String> pairHeader, List<List<Object>> pairs) {
        report.section("Direct connections over a NAT population");
        report.note("What this measures: the full protocol on the NAT models of the in-memory network, without "
                + "jitter, loss or queueing, for NATs drawn from the mixes below. The mixes are assumptions (see "
                + "docs/lab.md), not a census; the published rates come from other populations and other "
                + "protocols, so the bands place our number, they do not validate it.");
        report.chart(svg, "Share of attempts that ended with both sides on a direct path, per birthday budget, "
                + "with the 95% Wilson interval; shaded: published direct rates (REFERENCE.md).");
        for (NatMixRun.Rate r : rates) {
            report.paragraph(String.format(Locale.ROOT, "%s: %d of %d attempts direct, %.1f%% (95%% CI %.1f-%.1f%%); "
                    + "%d connected at all (over the relay). %s", label(r), r.direct(), r.attempts(), r.ratePct(),
                    r.lowPct(), r.highPct(), r.connected(), against(r)));
        }
        if (rates.size() >= 2) {
            NatMixRun.Rate a = rates.get(0);
            NatMixRun.Rate b = rates.get(1);
            report.paragraph(String.format(Locale.ROOT, "The same draws with %s and %s differ by %+.1f points: what "
                    + "birthday probing adds for this mix (only pairs with one random-port side can gain).", label(a),
                    label(b), a.ratePct() - b.ratePct()));
        }
        report.paragraph("Device mix: " + names(s.deviceMix()) + ". Client mix: " + names(s.clientMix()) + ".");
        report.table("natmix-pairs", pairHeader, pairs);
    }

    /** Where a rate's interval lies against each published band. */
    static String against(NatMixRun.Rate r) {
        List<String> parts = new ArrayList<>();
        for (Band b : BANDS) {
            String where = r.highPct() < b.lowPct() ? "below" : r.lowPct() > b.highPct() ? "above" : "overlapping";
            parts.add(where + " " + b.name());
        }
        return "Its interval lies " + String.join("; ", parts) + ".";
    }
}
