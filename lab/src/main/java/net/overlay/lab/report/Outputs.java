package net.overlay.lab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.overlay.lab.chart.ChartFiles;
import org.jfree.chart.JFreeChart;

/**
 * The writer of one run folder, handed to a running scenario: data as CSV and JSON (deterministic:
 * no timestamps, numbers formatted the same way on every machine), charts as PNG and SVG, and the
 * {@link Report} the scenario fills with sections. Remembers every file it wrote, in order.
 *
 * <p>Not thread-safe: scenarios write from the thread that runs them.
 */
public final class Outputs {
    /** Decimal places of non-integer numbers in CSV files. */
    private static final int CSV_DECIMALS = 3;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final Report report;
    private final List<String> files = new ArrayList<>();

    public Outputs(Path dir, Report report) {
        this.dir = dir;
        this.report = report;
    }

    public Path dir() {
        return dir;
    }

    public Report report() {
        return report;
    }

    /** File names written so far, in order. */
    public List<String> files() {
        return Collections.unmodifiableList(files);
    }

    /** Writes a CSV file with a header row; cells are numbers or text (quoted when needed). */
    public void csv(String fileName, List<String> header, List<? extends List<?>> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header);
        for (List<?> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(fileName + ": row has " + row.size() + " cells, header "
                        + header.size());
            }
            appendRow(sb, row);
        }
        write(fileName, sb.toString());
    }

    /** Writes {@code value} (maps, lists, records, numbers, strings) as indented JSON. */
    public void json(String fileName, Object value) throws IOException {
        write(fileName, JSON.writeValueAsString(value) + "\n");
    }

    /**
     * Writes {@code baseName.png} and {@code baseName.svg} of {@code chart} at the given size.
     *
     * @return the SVG document, for inlining into the report
     */
    public String chart(String baseName, JFreeChart chart, int widthPx, int heightPx) throws IOException {
        String svg = ChartFiles.write(chart, dir, baseName, widthPx, heightPx);
        files.add(baseName + ".png");
        files.add(baseName + ".svg");
        return svg;
    }

    /** Writes a text file that is not data (the report itself, say). */
    public void write(String fileName, String text) throws IOException {
        Files.writeString(dir.resolve(fileName), text, StandardCharsets.UTF_8);
        if (!files.contains(fileName)) {
            files.add(fileName);
        }
    }

    /** A number as CSV and tables write it: integers as they are, others rounded to 3 places. */
    public static String format(Object v) {
        return switch (v) {
            case null -> "";
            case Double d when d.isNaN() || d.isInfinite() -> "";
            case Double d -> BigDecimal.valueOf(d).setScale(CSV_DECIMALS, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros().toPlainString();
            case Float f -> format(f.doubleValue());
            default -> v.toString();
        };
    }

    private static void appendRow(StringBuilder sb, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String s = format(cells.get(i));
            // RFC 4180 2.6-2.7: fields with commas, quotes or line breaks are quoted, quotes doubled.
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            sb.append(s);
        }
        sb.append('\n');
    }
}
