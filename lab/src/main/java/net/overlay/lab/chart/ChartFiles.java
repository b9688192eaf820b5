package net.overlay.lab.chart;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Renders a chart to {@code NAME.png} and {@code NAME.svg}. Runs headless: the lab draws on
 * servers and in CI, where no display exists. Called by {@code Outputs}; stateless.
 */
public final class ChartFiles {
    static {
        // Must be set before the first AWT class loads; the lab never opens a window.
        System.setProperty("java.awt.headless", "true");
    }

    private ChartFiles() {}

    /**
     * @return the SVG document written
     */
    public static String write(JFreeChart chart, Path dir, String baseName, int widthPx, int heightPx)
            throws IOException {
        ChartUtils.saveChartAsPNG(dir.resolve(baseName + ".png").toFile(), chart, widthPx, heightPx);
        SVGGraphics2D g2 = new SVGGraphics2D(widthPx, heightPx);
        // Ids of clip paths must differ between charts inlined in one report; the default prefix
        // comes from the clock, this one is stable from run to run.
        g2.setDefsKeyPrefix(baseName + "-");
        chart.draw(g2, new Rectangle(0, 0, widthPx, heightPx));
        String svg = g2.getSVGDocument();
        Files.writeString(dir.resolve(baseName + ".svg"), svg, StandardCharsets.UTF_8);
        return svg;
    }
}
