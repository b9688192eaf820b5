package net.overlay.lab.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;

/**
 * A horizontal logarithmic axis ticked at 1, 2, 5, 10, 20, 50, ...: round values a reader can
 * find, where JFreeChart's own log axis ticks at powers of 10^0.1 (18, 22, 25, 28, ...).
 * Used by {@link Charts#lines} (horizontal) and the scale scenario's log-log charts (both axes).
 */
public final class OneTwoFiveLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;
    private static final int[] MANTISSAS = {1, 2, 5};

    public OneTwoFiveLogAxis(String label) {
        super(label);
        setBase(10);
        setSmallestValue(0.1);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        return ticks(TextAnchor.TOP_CENTER);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        return ticks(TextAnchor.CENTER_RIGHT);
    }

    private List<ValueTick> ticks(TextAnchor anchor) {
        List<ValueTick> ticks = new ArrayList<>();
        Range r = getRange();
        double decade = Math.pow(10, Math.floor(Math.log10(Math.max(r.getLowerBound(), getSmallestValue()))));
        for (; decade <= r.getUpperBound(); decade *= 10) {
            for (int m : MANTISSAS) {
                double v = m * decade;
                if (v >= r.getLowerBound() && v <= r.getUpperBound()) {
                    String label = v >= 1 ? String.valueOf(Math.round(v)) : String.valueOf(v);
                    ticks.add(new NumberTick(v, label, anchor, TextAnchor.CENTER, 0.0));
                }
            }
        }
        return ticks;
    }
}
