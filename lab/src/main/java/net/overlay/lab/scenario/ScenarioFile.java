package net.overlay.lab.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One scenario file as written (built-in resource or the user's own), checked for shape:
 *
 * <pre>
 * {
 *   "name": "punch-matrix",            required; lower case, digits, dashes: the output folder's name
 *   "kind": "punch-matrix",            required; selects the {@link Scenario} code
 *   "description": "one line",         optional; shown by 'lab list'
 *   "seed": 1,                         optional (default 1); --seed overrides it
 *   "params": { ... },                 optional; the kind's parameters (defaults for absent ones)
 *   "quick": { ... }                   optional; values that override params under --quick
 * }
 * </pre>
 *
 * The kind's own fields are checked later, by its {@link Scenario#prepare} through {@link Params}.
 *
 * @param source where the file came from (a path, or {@code built-in:NAME}), for messages
 */
public record ScenarioFile(String name, String kind, String description, long seed, ObjectNode params,
        ObjectNode quick, String source) {

    /** The top-level fields a file may have. */
    public static final List<String> FIELDS = List.of("name", "kind", "description", "seed", "params", "quick");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public ScenarioFile {
        params = params == null ? null : params.deepCopy();
        quick = quick == null ? null : quick.deepCopy();
    }

    /** Parses and checks the top level of {@code json}; errors name the field and say where. */
    public static ScenarioFile parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String at = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ScenarioException(source + ": not valid JSON" + at + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(source + ": must be a JSON object with fields " + String.join(", ", FIELDS));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new ScenarioException(source + ": " + f + ": unknown field; allowed: " + String.join(", ", FIELDS));
            }
        }
        String name = text(root, "name", source, true);
        if (!NAME.matcher(name).matches()) {
            throw new ScenarioException(source + ": name: must be 1-64 lower-case letters, digits or dashes, got \""
                    + name + "\"");
        }
        String kind = text(root, "kind", source, true);
        String description = root.has("description") ? text(root, "description", source, false) : "";
        long seed = 1;
        if (root.has("seed")) {
            JsonNode s = root.get("seed");
            if (!s.isIntegralNumber() || !s.canConvertToLong() || s.longValue() < 0) {
                throw new ScenarioException(source + ": seed: must be an integer >= 0, got " + s);
            }
            seed = s.longValue();
        }
        return new ScenarioFile(name, kind, description, seed, object(root, "params", source),
                object(root, "quick", source), source);
    }

    private static String text(JsonNode root, String field, String source, boolean nonEmpty) {
        JsonNode n = root.get(field);
        if (n == null) {
            throw new ScenarioException(source + ": " + field + ": required field is missing");
        }
        if (!n.isTextual() || (nonEmpty && n.textValue().isBlank())) {
            throw new ScenarioException(source + ": " + field + ": must be a " + (nonEmpty ? "non-empty " : "")
                    + "string, got " + n);
        }
        return n.textValue();
    }

    private static ObjectNode object(JsonNode root, String field, String source) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw new ScenarioException(source + ": " + field + ": must be an object, got " + n);
        }
        return (ObjectNode) n;
    }

    /** The reader of this file's parameters, with the quick block applied when {@code quick}. */
    public Params params(boolean quickRun) {
        return new Params("params", params, "quick", quickRun ? quick : null);
    }
}
