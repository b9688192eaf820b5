package net.overlay.lab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The chart kinds lab scenarios draw. Every chart gets a title, labelled axes with units and a
 * legend; colours are chosen to read in print and for common colour blindness (a blue-to-yellow
 * scale, not red-to-green). Stateless; callers own the returned charts.
 */
public final class Charts {
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font CELL_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Color[] LINE_COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)};

    private Charts() {}

    /** One line of a line chart: points in x order. */
    public record Series(String name, List<Double> x, List<Double> y) {
        public Series {
            x = List.copyOf(x);
            y = List.copyOf(y);
            if (x.size() != y.size()) {
                throw new IllegalArgumentException("x and y differ in length");
            }
        }
    }

    /**
     * A heatmap of percentages over a grid of names, each cell labelled with its value.
     *
     * @param valuesPct {@code valuesPct[row][column]} in 0..100, NaN for an empty cell
     */
    public static JFreeChart heatmap(String title, String columnLabel, String rowLabel, List<String> columns,
            List<String> rows, double[][] valuesPct, String scaleLabel) {
        DefaultXYZDataset data = new DefaultXYZDataset();
        int n = rows.size() * columns.size();
        double[][] xyz = new double[3][n];
        int k = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++, k++) {
                xyz[0][k] = c;
                xyz[1][k] = r;
                xyz[2][k] = valuesPct[r][c];
            }
        }
        data.addSeries("cells", xyz);
        SymbolAxis x = new SymbolAxis(columnLabel, columns.toArray(String[]::new));
        x.setVerticalTickLabels(true);
        x.setGridBandsVisible(false);
        x.setTickLabelFont(TICK_FONT);
        SymbolAxis y = new SymbolAxis(rowLabel, rows.toArray(String[]::new));
        y.setGridBandsVisible(false);
        y.setTickLabelFont(TICK_FONT);
        // Read like a table: the first preset on top.
        y.setInverted(true);
        XYBlockRenderer renderer = new XYBlockRenderer();
        PaintScale scale = new PercentScale();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        k = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++, k++) {
                double v = valuesPct[r][c];
                if (!Double.isNaN(v)) {
                    XYTextAnnotation label = new XYTextAnnotation(String.format(Locale.ROOT, "%.0f%%", v), c, r);
                    label.setFont(CELL_FONT);
                    label.setPaint(v < 55 ? Color.WHITE : Color.BLACK);
                    plot.addAnnotation(label);
                }
            }
        }
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis(scaleLabel);
        legendAxis.setRange(0, 100);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        legend.setStripWidth(18);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * Lines with point markers over a swept parameter.
     *
     * @param logX whether the x axis is logarithmic (for sweeps over orders of magnitude)
     */
    public static JFreeChart lines(String title, String xLabel, String yLabel, List<Series> series, boolean logX,
            double yMin, double yMax) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xs = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().size(); i++) {
                xs.add(s.x().get(i), s.y().get(i));
            }
            data.addSeries(xs);
        }
        ValueAxis x;
        if (logX) {
            x = new OneTwoFiveLogAxis(xLabel);
        } else {
            x = new NumberAxis(xLabel);
        }
        NumberAxis y = new NumberAxis(yLabel);
        y.setRange(yMin, yMax);
        if (yMax - yMin >= 50) {
            y.setTickUnit(new NumberTickUnit(10));
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, LINE_COLOURS[i % LINE_COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** One labelled point of {@link #points}. */
    public record Point(String label, double x, double y) {}

    /**
     * Scattered points, each labelled, one marker style per series (say, measured and published).
     *
     * @param series name of each series to its points, in legend order
     * @param logX whether the x axis is logarithmic (all x must then be > 0)
     */
    public static JFreeChart points(String title, String xLabel, String yLabel,
            java.util.SequencedMap<String, List<Point>> series, boolean logX) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        ValueAxis x = logX ? new OneTwoFiveLogAxis(xLabel) : new NumberAxis(xLabel);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        int i = 0;
        for (var e : series.entrySet()) {
            XYSeries xs = new XYSeries(e.getKey(), false, true);
            Color colour = LINE_COLOURS[i % LINE_COLOURS.length];
            for (Point p : e.getValue()) {
                xs.add(p.x(), p.y());
                XYTextAnnotation label = new XYTextAnnotation(p.label(), p.x(), p.y());
                label.setFont(TICK_FONT);
                label.setPaint(colour);
                label.setTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
                plot.addAnnotation(label);
            }
            data.addSeries(xs);
            renderer.setSeriesPaint(i, colour);
            renderer.setSeriesShapesFilled(i, i == 0);
            i++;
        }
        renderer.setUseFillPaint(false);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * Empirical cumulative distributions, one step line per sample set: the share of samples at or
     * below each x, 0..100 %. Samples that are NaN are left out; an empty set draws no line.
     *
     * @param samples name of each line (put the count in it) to its samples, in legend order
     * @param logX whether the x axis is logarithmic (for values over orders of magnitude; all must be > 0)
     */
    public static JFreeChart cdf(String title, String xLabel, java.util.SequencedMap<String, double[]> samples,
            boolean logX) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (var e : samples.entrySet()) {
            double[] v = java.util.Arrays.stream(e.getValue()).filter(d -> !Double.isNaN(d)).sorted().toArray();
            XYSeries xs = new XYSeries(e.getKey(), false, true);
            for (int i = 0; i < v.length; i++) {
                // A vertical step at each sample: from the share below it to the share at or below it.
                xs.add(v[i], 100.0 * i / v.length);
                xs.add(v[i], 100.0 * (i + 1) / v.length);
            }
            data.addSeries(xs);
        }
        ValueAxis x = logX ? new OneTwoFiveLogAxis(xLabel) : new NumberAxis(xLabel);
        x.setTickLabelFont(TICK_FONT);
        NumberAxis y = new NumberAxis("samples at or below (%)");
        y.setRange(0, 100);
        y.setTickUnit(new NumberTickUnit(10));
        y.setTickLabelFont(TICK_FONT);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < samples.size(); i++) {
            renderer.setSeriesPaint(i, LINE_COLOURS[i % LINE_COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** 0..100 % from dark blue through teal to yellow (viridis-like, readable in grey). */
    private static final class PercentScale implements PaintScale {
        private static final Color[] STOPS = {
            new Color(0x440154), new Color(0x3b528b), new Color(0x21918c), new Color(0x5ec962), new Color(0xfde725)};

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 100;
        }

        @Override
        public Paint getPaint(double value) {
            if (Double.isNaN(value)) {
                return Color.WHITE;
            }
            double t = Math.max(0, Math.min(1, value / 100)) * (STOPS.length - 1);
            int i = Math.min((int) t, STOPS.length - 2);
            double f = t - i;
            Color a = STOPS[i];
            Color b = STOPS[i + 1];
            return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                    mix(a.getBlue(), b.getBlue(), f));
        }

        private static int mix(int a, int b, double f) {
            return (int) Math.round(a + (b - a) * f);
        }
    }
}
