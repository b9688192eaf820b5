package net.overlay.lab.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Jazzer's driver on one target in a child JVM (libFuzzer allows one campaign per process)
 * and reads its outcome from the driver's output: executions, coverage, corpus size, and the
 * finding with its reproducer file, if any. Seeds are written to a folder the campaign reads; the
 * corpus it grows is kept in {@code workDir/corpus/TARGET} so that a later run starts from it.
 *
 * <p>Threading: {@link #run} blocks until the child ends (or is killed after the time budget plus
 * a grace period, which counts as a hang); {@code progress} is called on that thread.
 */
public final class FuzzRunner {
    /** What a campaign is given. */
    /**
     * @param duration the campaign's time budget
     * @param runs a number of executions to stop at (0: none, the time budget alone ends it); a
     *     fixed amount of work is what a test wants, whatever the machine's speed
     */
    public record Settings(Duration duration, long runs, Path workDir, int maxLenBytes, int rssLimitMb, String heap) {
        public static Settings of(Duration duration, Path workDir) {
            return new Settings(duration, 0, workDir, 4096, 2560, "1g");
        }

        /** Stops after {@code runs} executions, or at {@code cap} if that comes first. */
        public static Settings ofRuns(long runs, Duration cap, Path workDir) {
            return new Settings(cap, runs, workDir, 4096, 2560, "1g");
        }
    }

    /** What a campaign found. */
    public record Outcome(String target, long runs, int coverage, int corpusEntries, Optional<Path> reproducer,
            String finding, int exitCode, Duration wall) {
        public boolean clean() {
            return reproducer.isEmpty() && finding.isEmpty() && exitCode == 0;
        }
    }

    private static final Pattern STATUS = Pattern.compile(
            "^#(\\d+)\\s+(\\w+)\\s+cov: (\\d+)\\s+ft: \\d+\\s+corp: (\\d+)/");
    private static final Pattern DONE = Pattern.compile("^Done (\\d+) runs in");
    private static final Pattern WRITTEN = Pattern.compile("Test unit written to (\\S+)");
    private static final Duration GRACE = Duration.ofSeconds(60);

    private FuzzRunner() {}

    public static Outcome run(FuzzTargets.Target target, Settings s, Consumer<String> progress)
            throws IOException, InterruptedException {
        Path corpus = Files.createDirectories(s.workDir().resolve("corpus").resolve(target.name()));
        Path seeds = Files.createDirectories(s.workDir().resolve("seeds").resolve(target.name()));
        Path findings = Files.createDirectories(s.workDir().resolve("findings").resolve(target.name()));
        List<byte[]> seedInputs = target.seeds().get();
        for (int i = 0; i < seedInputs.size(); i++) {
            Files.write(seeds.resolve("seed-" + i), seedInputs.get(i));
        }
        List<String> command = command(target, s, corpus, seeds, findings);
        long startNs = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long runs = 0;
        int coverage = 0;
        int corpusEntries = 0;
        Path reproducer = null;
        StringBuilder finding = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            boolean inFinding = false;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = STATUS.matcher(line);
                if (m.find()) {
                    runs = Long.parseLong(m.group(1));
                    coverage = Integer.parseInt(m.group(3));
                    corpusEntries = Integer.parseInt(m.group(4));
                    if (m.group(2).equals("pulse") || m.group(2).equals("DONE") || m.group(2).equals("INITED")) {
                        progress.accept(target.name() + ": " + runs + " runs, coverage " + coverage + ", corpus "
                                + corpusEntries);
                    }
                }
                if (line.contains("== Java Exception") || line.contains("ERROR: libFuzzer")
                        || line.contains("==ERROR")) {
                    inFinding = true;
                }
                if (inFinding && finding.length() < 4000) {
                    finding.append(line).append('\n');
                }
                Matcher done = DONE.matcher(line);
                if (done.find()) {
                    runs = Long.parseLong(done.group(1));
                }
                Matcher w = WRITTEN.matcher(line);
                if (w.find()) {
                    reproducer = Path.of(w.group(1));
                }
            }
        }
        boolean ended = p.waitFor(s.duration().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
            finding.append("the campaign did not end within its time budget plus ").append(GRACE.toSeconds())
                    .append(" s: killed\n");
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - startNs);
        return new Outcome(target.name(), runs, coverage, corpusEntries, Optional.ofNullable(reproducer),
                finding.toString(), ended ? p.exitValue() : -1, wall);
    }

    private static List<String> command(FuzzTargets.Target target, Settings s, Path corpus, Path seeds, Path findings) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-Xmx" + s.heap());
        c.add("-XX:+UseCompactObjectHeaders");
        c.add("--enable-native-access=ALL-UNNAMED");
        c.add("--sun-misc-unsafe-memory-access=allow");
        c.add("-cp");
        c.add(classPath());
        c.add("com.code_intelligence.jazzer.Jazzer");
        c.add("--target_class=" + target.type().getName());
        c.add("--instrumentation_includes=net.overlay.**");
        c.add("-max_total_time=" + Math.max(1, s.duration().toSeconds()));
        if (s.runs() > 0) {
            c.add("-runs=" + s.runs());
        }
        c.add("-max_len=" + s.maxLenBytes());
        c.add("-rss_limit_mb=" + s.rssLimitMb());
        c.add("-timeout=10");
        c.add("-print_final_stats=1");
        c.add("-artifact_prefix=" + findings.toAbsolutePath() + "/");
        // Jazzer also writes a Java reproducer per finding, by default into the working directory.
        c.add("--reproducer_path=" + findings.toAbsolutePath());
        c.add(corpus.toAbsolutePath().toString());
        c.add(seeds.toAbsolutePath().toString());
        return c;
    }

    /** This JVM's class path: under Surefire the real one is in its own property. */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
