package net.overlay.cluster.admin;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict line check of the Prometheus text exposition format 0.0.4: every line is a HELP or TYPE
 * comment, or a sample {@code name{labels} value [timestamp]} with a legal metric name, well-quoted
 * labels and a float value; TYPE appears at most once per family, before its samples.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String VALUE = "(?:[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)|[+-]Inf|NaN)";
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(?:\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?\\})? " + VALUE + "(?: -?\\d+)?");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");

    private PrometheusText() {}

    /** Throws AssertionError naming the first bad line. */
    static void requireValid(String text) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new AssertionError("exposition must be non-empty and end with a newline");
        }
        Set<String> typed = new HashSet<>();
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            if (line.isEmpty() || HELP.matcher(line).matches()) {
                continue;
            }
            var type = TYPE.matcher(line);
            if (type.matches()) {
                if (!typed.add(type.group(1))) {
                    throw new AssertionError("line " + n + ": second TYPE for " + type.group(1));
                }
                continue;
            }
            if (!SAMPLE.matcher(line).matches()) {
                throw new AssertionError("line " + n + " is not valid Prometheus text: " + line);
            }
        }
    }
}
