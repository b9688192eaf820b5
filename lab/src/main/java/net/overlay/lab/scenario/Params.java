package net.overlay.lab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validating reader of one scenario's parameters: a {@link Scenario} asks for each field by
 * name with its default and allowed range, and gets a typed value or a {@link ScenarioException}
 * that names the field ({@code params.attempts}, {@code quick.presets[1]}) and what is allowed.
 * Values of the {@code quick} block override those of {@code params} when the run is quick.
 * After reading, {@link #finish()} rejects any field the scenario did not ask for, listing the
 * known ones. Every value handed out is recorded in {@link #resolved()}, which the runner writes
 * into {@code scenario.json}.
 *
 * <p>Single-threaded: one reader per preparation.
 */
public final class Params {
    private final String basePath;
    private final ObjectNode base;
    private final String overridePath;
    private final ObjectNode override;
    private final Set<String> asked = new LinkedHashSet<>();
    private final Map<String, Object> resolved = new LinkedHashMap<>();
    private final List<Params> children = new ArrayList<>();

    /**
     * @param basePath the field path of {@code base} in the file, e.g. {@code params}
     * @param base the scenario's parameters, or null when the file has none
     * @param overridePath the field path of {@code override}, e.g. {@code quick}
     * @param override values that win over {@code base} (the quick variant), or null
     */
    public Params(String basePath, ObjectNode base, String overridePath, ObjectNode override) {
        this.basePath = basePath;
        this.base = base;
        this.overridePath = overridePath;
        this.override = override;
    }

    /** A reader with no values: every field takes its default. */
    public static Params empty() {
        return new Params("params", null, "quick", null);
    }

    private record Found(String path, JsonNode node) {}

    private Found find(String name) {
        asked.add(name);
        if (override != null && override.has(name)) {
            return new Found(overridePath + "." + name, override.get(name));
        }
        if (base != null && base.has(name)) {
            return new Found(basePath + "." + name, base.get(name));
        }
        return null;
    }

    private static ScenarioException bad(String path, String what, JsonNode got) {
        return new ScenarioException(path + ": must be " + what + ", got " + got);
    }

    /** An integer field in {@code min..max}. */
    public int intValue(String name, int defaultValue, int min, int max) {
        Found f = find(name);
        int v = f == null ? defaultValue : checkedInt(f.path(), f.node(), min, max);
        resolved.put(name, v);
        return v;
    }

    /** A number field in {@code min..max}. */
    public double doubleValue(String name, double defaultValue, double min, double max) {
        Found f = find(name);
        double v = defaultValue;
        if (f != null) {
            String what = "a number between " + min + " and " + max;
            if (!f.node().isNumber() || f.node().doubleValue() < min || f.node().doubleValue() > max) {
                throw bad(f.path(), what, f.node());
            }
            v = f.node().doubleValue();
        }
        resolved.put(name, v);
        return v;
    }

    /** A non-empty list of integers, each in {@code min..max}, at most {@code maxSize} long. */
    public List<Integer> intList(String name, List<Integer> defaultValue, int min, int max, int maxSize) {
        Found f = find(name);
        List<Integer> v = defaultValue;
        if (f != null) {
            JsonNode n = f.node();
            if (!n.isArray() || n.isEmpty() || n.size() > maxSize) {
                throw bad(f.path(), "a list of 1 to " + maxSize + " integers between " + min + " and " + max, n);
            }
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                out.add(checkedInt(f.path() + "[" + i + "]", n.get(i), min, max));
            }
            v = List.copyOf(out);
        }
        resolved.put(name, v);
        return v;
    }

    /** A non-empty list of distinct names, each one of {@code allowed}. */
    public List<String> choiceList(String name, List<String> defaultValue, List<String> allowed) {
        Found f = find(name);
        List<String> v = defaultValue;
        if (f != null) {
            JsonNode n = f.node();
            if (!n.isArray() || n.isEmpty()) {
                throw bad(f.path(), "a non-empty list of names from: " + String.join(", ", allowed), n);
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                String item = checkedChoice(f.path() + "[" + i + "]", n.get(i), allowed);
                if (out.contains(item)) {
                    throw new ScenarioException(f.path() + "[" + i + "]: '" + item + "' is listed twice");
                }
                out.add(item);
            }
            v = List.copyOf(out);
        }
        resolved.put(name, v);
        return v;
    }

    /** A non-empty list of non-blank strings (file paths, say), at most {@code maxSize} long. */
    public List<String> stringList(String name, List<String> defaultValue, int maxSize) {
        Found f = find(name);
        List<String> v = defaultValue;
        if (f != null) {
            JsonNode n = f.node();
            if (!n.isArray() || n.isEmpty() || n.size() > maxSize) {
                throw bad(f.path(), "a list of 1 to " + maxSize + " strings", n);
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual() || n.get(i).textValue().isBlank()) {
                    throw bad(f.path() + "[" + i + "]", "a non-blank string", n.get(i));
                }
                out.add(n.get(i).textValue());
            }
            v = List.copyOf(out);
        }
        resolved.put(name, v);
        return v;
    }

    /** One name from {@code allowed}. */
    public String choice(String name, String defaultValue, List<String> allowed) {
        Found f = find(name);
        String v = f == null ? defaultValue : checkedChoice(f.path(), f.node(), allowed);
        resolved.put(name, v);
        return v;
    }

    /** The reader of a nested object field (e.g. {@code params.punch}); it may be absent. */
    public Params child(String name) {
        asked.add(name);
        ObjectNode b = objectOrNull(basePath + "." + name, base == null ? null : base.get(name));
        ObjectNode o = objectOrNull(overridePath + "." + name, override == null ? null : override.get(name));
        Params c = new Params(basePath + "." + name, b, overridePath + "." + name, o);
        children.add(c);
        resolved.put(name, c.resolved);
        return c;
    }

    private static ObjectNode objectOrNull(String path, JsonNode n) {
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw bad(path, "an object", n);
        }
        return (ObjectNode) n;
    }

    /** An error for a field whose value is allowed alone but not with the others. */
    public ScenarioException invalid(String name, String message) {
        String path = override != null && override.has(name) ? overridePath + "." + name : basePath + "." + name;
        return new ScenarioException(path + ": " + message);
    }

    /** Rejects fields nobody asked for, here and in every child reader. */
    public void finish() {
        rejectUnknown(basePath, base);
        rejectUnknown(overridePath, override);
        for (Params c : children) {
            c.finish();
        }
    }

    private void rejectUnknown(String path, ObjectNode node) {
        if (node == null) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!asked.contains(field)) {
                throw new ScenarioException(path + "." + field + ": unknown field; allowed: " + String.join(", ", asked));
            }
        }
    }

    /** Every value handed out, in the order asked (nested readers as maps). */
    public Map<String, Object> resolved() {
        return Collections.unmodifiableMap(resolved);
    }

    private static int checkedInt(String path, JsonNode n, int min, int max) {
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw bad(path, "an integer between " + min + " and " + max, n);
        }
        return n.intValue();
    }

    private static String checkedChoice(String path, JsonNode n, List<String> allowed) {
        if (!n.isTextual() || !allowed.contains(n.textValue())) {
            throw bad(path, "one of: " + String.join(", ", allowed), n);
        }
        return n.textValue();
    }
}
