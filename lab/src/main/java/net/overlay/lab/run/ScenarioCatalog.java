package net.overlay.lab.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import net.overlay.lab.cellular.CcCellularScenario;
import net.overlay.lab.churn.ChurnScenario;
import net.overlay.lab.directrelay.DirectRelayScenario;
import net.overlay.lab.keepalive.KeepaliveScenario;
import net.overlay.lab.natmix.NatMixScenario;
import net.overlay.lab.punch.PunchMatrixScenario;
import net.overlay.lab.quickstart.QuickstartScenario;
import net.overlay.lab.scale.ScaleScenario;
import net.overlay.lab.simreal.SimVsRealScenario;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.scenario.Scenario;
import net.overlay.lab.scenario.ScenarioException;
import net.overlay.lab.scenario.ScenarioFile;
import net.overlay.lab.video.VideoQosScenario;

/**
 * The scenarios the lab knows: the built-in files (JSON resources in the lab jar, under
 * {@code net/overlay/lab/scenarios/}) and the kinds of code that run them (the built-in ones plus
 * any {@link Scenario} registered for {@link ServiceLoader} by a jar on the class path). Resolves
 * what the user typed, a built-in name or a file, and validates it. Immutable after construction.
 */
public final class ScenarioCatalog {
    /** The built-in scenario files, in the order {@code lab list} shows them. */
    public static final List<String> BUILT_IN = List.of("quickstart", "punch-matrix", "direct-vs-relay", "keepalive",
            "nat-mix", "cc-cellular", "churn", "video-qos", "scale", "sim-vs-real");
    private static final String RESOURCE_DIR = "/net/overlay/lab/scenarios/";

    private final Map<String, Scenario> kinds = new LinkedHashMap<>();

    private ScenarioCatalog(List<Scenario> scenarios) {
        for (Scenario s : scenarios) {
            kinds.putIfAbsent(s.kind(), s);
        }
    }

    /** The built-in kinds and those found on the class path. */
    public static ScenarioCatalog standard() {
        List<Scenario> all = new ArrayList<>(List.of(new QuickstartScenario(), new PunchMatrixScenario(),
                new DirectRelayScenario(), new KeepaliveScenario(), new NatMixScenario(),
                new CcCellularScenario(), new ChurnScenario(), new VideoQosScenario(), new ScaleScenario(),
                new SimVsRealScenario()));
        ServiceLoader.load(Scenario.class).forEach(all::add);
        return new ScenarioCatalog(all);
    }

    public List<String> kinds() {
        return List.copyOf(kinds.keySet());
    }

    /** The built-in scenario files, parsed. */
    public List<ScenarioFile> builtIns() {
        return BUILT_IN.stream().map(this::builtIn).toList();
    }

    private ScenarioFile builtIn(String name) {
        try (InputStream in = ScenarioCatalog.class.getResourceAsStream(RESOURCE_DIR + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario " + name + " is missing from the jar");
            }
            return ScenarioFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in:" + name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in scenario " + name, e);
        }
    }

    /**
     * A built-in name, or the path of a scenario file (anything ending in {@code .json} or naming an
     * existing file).
     */
    public ScenarioFile resolve(String nameOrFile) {
        Path path = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".json") || Files.isRegularFile(path)) {
            if (!Files.isRegularFile(path)) {
                throw new ScenarioException(nameOrFile + ": no such file");
            }
            try {
                return ScenarioFile.parse(Files.readString(path, StandardCharsets.UTF_8), nameOrFile);
            } catch (IOException e) {
                throw new ScenarioException(nameOrFile + ": cannot read: " + e.getMessage(), e);
            }
        }
        if (!BUILT_IN.contains(nameOrFile)) {
            throw new ScenarioException("unknown scenario '" + nameOrFile + "'; built-in: " + String.join(", ", BUILT_IN)
                    + " (or give a FILE.json)");
        }
        return builtIn(nameOrFile);
    }

    /** The code of {@code file}'s kind. */
    public Scenario scenarioOf(ScenarioFile file) {
        Scenario s = kinds.get(file.kind());
        if (s == null) {
            throw new ScenarioException(file.source() + ": kind: must be one of: " + String.join(", ", kinds.keySet())
                    + ", got \"" + file.kind() + "\"");
        }
        return s;
    }

    /** A validated, prepared run and the parameters it resolved. */
    public record Preparation(Scenario scenario, Scenario.Prepared run, Params params) {}

    /**
     * Validates every field of {@code file}, the quick block included even on a full run, and
     * prepares the variant asked for.
     */
    public Preparation prepare(ScenarioFile file, boolean quick) {
        Scenario scenario = scenarioOf(file);
        try {
            Params other = file.params(!quick);
            scenario.prepare(other);
            other.finish();
            Params params = file.params(quick);
            Scenario.Prepared run = scenario.prepare(params);
            params.finish();
            return new Preparation(scenario, run, params);
        } catch (ScenarioException e) {
            throw new ScenarioException(file.source() + ": " + e.getMessage(), e);
        }
    }
}
