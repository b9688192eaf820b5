package net.overlay.lab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.overlay.lab.report.Outputs;
import net.overlay.lab.report.Report;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.ScenarioFile;

/**
 * Runs one scenario into its folder: resolves and validates it, applies the request's seed, quick
 * variant, output folder and congestion controller, shows progress, runs it, and writes
 * {@code scenario.json} (the exact resolved inputs, seed, software version, command line and wall
 * time) and {@code report.html}. Called by the {@code lab run} command and tests; one run at a time
 * per instance.
 */
public final class LabRunner {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ScenarioCatalog catalog;
    private final PrintStream err;
    private final boolean terminal;

    /**
     * @param err where progress and notes go (stderr)
     * @param terminal whether {@code err} is a terminal (a redrawn bar) or a log (periodic lines)
     */
    public LabRunner(ScenarioCatalog catalog, PrintStream err, boolean terminal) {
        this.catalog = catalog;
        this.err = err;
        this.terminal = terminal;
    }

    /**
     * What to run.
     *
     * @param scenario a built-in name or a file path
     * @param seed overrides the file's seed when present
     * @param out the run folder; {@code results/<name>/} when absent
     * @param congestionControl the {@code --cc} name, recorded in the inputs
     */
    public record Request(String scenario, Optional<Long> seed, boolean quick, Optional<Path> out,
            Optional<String> congestionControl) {}

    /** Where the run left its outputs. */
    public record Done(Path dir, List<String> files, double wallSeconds) {}

    public Done run(Request request) throws IOException {
        ScenarioFile file = catalog.resolve(request.scenario());
        ScenarioCatalog.Preparation prep = catalog.prepare(file, request.quick());
        long seed = request.seed().orElse(file.seed());
        Path dir = request.out().orElse(Path.of("results", file.name()));
        Files.createDirectories(dir);
        Report report = new Report();
        Outputs outputs = new Outputs(dir, report);
        boolean ccIgnored = request.congestionControl().isPresent() && !prep.scenario().usesCongestionControl();
        if (ccIgnored) {
            String note = "Scenario kind '" + file.kind() + "' runs no congestion controller: --cc "
                    + request.congestionControl().get() + " is recorded in the inputs and has no effect.";
            err.println("overlay lab: " + note);
            report.note(note);
        }
        String command = command(request, seed);
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ProgressBar progress = new ProgressBar(file.name() + (request.quick() ? " (quick)" : ""),
                prep.run().workUnits(), err, terminal, System::nanoTime);
        long t0 = System.nanoTime();
        prep.run().run(new RunContext(seed, request.quick(), request.congestionControl(), progress, outputs));
        progress.finish();
        double wallS = (System.nanoTime() - t0) / 1e9;

        Map<String, Object> inputs = inputs(file, prep, seed, request, command, ccIgnored);
        inputs.put("startedAt", started.toString());
        inputs.put("wallSeconds", Math.round(wallS * 10) / 10.0);
        List<String> files = new ArrayList<>(outputs.files());
        files.add("scenario.json");
        files.add("report.html");
        inputs.put("files", files);
        String inputsJson = JSON.writeValueAsString(inputs) + "\n";
        outputs.write("scenario.json", inputsJson);
        report.footer("Reproduce (from the repository root)", command
                + "\n\n# The data files (CSV, JSON) come out byte-identical for the same seed and software version.");
        report.footer("Inputs (scenario.json)", inputsJson);
        String subtitle = String.format(Locale.ROOT, "%s | seed %d%s | overlay %s | run %s, %.1f s", file.description(),
                seed, request.quick() ? " | quick variant" : "", SoftwareVersion.describe(), started, wallS);
        outputs.write("report.html", report.render("Lab run: " + file.name(), subtitle));
        return new Done(dir, List.copyOf(outputs.files()), wallS);
    }

    private static Map<String, Object> inputs(ScenarioFile file, ScenarioCatalog.Preparation prep, long seed,
            Request request, String command, boolean ccIgnored) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", file.name());
        m.put("kind", file.kind());
        m.put("description", file.description());
        m.put("source", file.source());
        m.put("seed", seed);
        m.put("quick", request.quick());
        Map<String, Object> cc = new LinkedHashMap<>();
        cc.put("name", request.congestionControl().orElse(null));
        cc.put("used", request.congestionControl().isPresent() && !ccIgnored);
        m.put("congestionControl", cc);
        m.put("params", prep.params().resolved());
        m.put("software", Map.of("overlay", SoftwareVersion.describe(), "java", Runtime.version().toString()));
        m.put("command", command);
        return m;
    }

    /** The command that reproduces the run, seed spelled out. */
    static String command(Request r, long seed) {
        StringBuilder sb = new StringBuilder("./overlay lab run ").append(shellQuote(r.scenario()));
        sb.append(" --seed ").append(seed);
        if (r.quick()) {
            sb.append(" --quick");
        }
        r.out().ifPresent(p -> sb.append(" --out ").append(shellQuote(p.toString())));
        r.congestionControl().ifPresent(cc -> sb.append(" --cc ").append(shellQuote(cc)));
        return sb.toString();
    }

    private static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:=+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
