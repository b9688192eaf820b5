package net.overlay.lab.scale;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.SequencedMap;
import net.overlay.lab.chart.OneTwoFiveLogAxis;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The scale scenario's log-log line chart ({@code Charts.lines} has a logarithmic x axis only):
 * sizes span orders of magnitude, and a straight line of slope 1 on both log axes is linear growth.
 * Values at or below 0 are left out, as a log axis cannot place them. Called by {@link ScaleOutput}.
 */
final class ScaleCharts {
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd)};

    private ScaleCharts() {}

    static JFreeChart logLog(String title, String xLabel, String yLabel, SequencedMap<String, List<Double>> series,
            List<Double> xs) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<String> names = List.copyOf(series.keySet());
        for (String name : names) {
            XYSeries s = new XYSeries(name, false, true);
            List<Double> ys = series.get(name);
            for (int i = 0; i < xs.size(); i++) {
                if (ys.get(i) > 0 && xs.get(i) > 0) s.add(xs.get(i), ys.get(i));
            }
            data.addSeries(s);
        }
        LogAxis x = new OneTwoFiveLogAxis(xLabel);
        LogAxis y = new OneTwoFiveLogAxis(yLabel);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < names.size(); i++) {
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
