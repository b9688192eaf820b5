package net.overlay.lab.testbed;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running process inside a testbed namespace ({@code ip netns exec NS ...}): a rendezvous,
 * an agent, a delay line, nginx, sshd. Its standard output and error go to a log file, which
 * {@link #awaitLine} watches for a printed line. Every process started here is also registered
 * with one JVM shutdown hook that kills it, so none outlives the JVM that started it even when a
 * test fails; {@link TestbedControl#down} additionally kills whatever still runs in the namespaces.
 *
 * <p>Threading: any thread; a process is closed once (later closes do nothing).
 */
public final class NsProcess implements AutoCloseable {
    private static final Set<NsProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final long POLL_MS = 50;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(NsProcess::kill),
                "ns-process-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private NsProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code argv} in namespace {@code ns} with its output in {@code log}.
     *
     * @param detached in a session of its own ({@code setsid}), for processes meant to outlive this
     *     JVM (a delay line started by {@code ./overlay testbed up}); those are not registered with
     *     the shutdown hook
     */
    public static NsProcess start(String name, String ns, List<String> argv, Path log, boolean detached)
            throws IOException {
        List<String> full = new ArrayList<>();
        if (detached) {
            full.add("setsid");
        }
        full.addAll(List.of("ip", "netns", "exec", ns));
        full.addAll(argv);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(new File("/dev/null")).start();
        NsProcess np = new NsProcess(name, p, log);
        if (!detached) {
            LIVE.add(np);
        }
        return np;
    }

    /** Starts a process owned by this JVM (killed at close or at JVM exit). */
    public static NsProcess start(String name, String ns, List<String> argv, Path log) throws IOException {
        return start(name, ns, argv, log, false);
    }

    /**
     * Waits until the output has a line matching {@code pattern} (searched with {@code find}) and
     * returns its match. Fails with the output so far when the process exits first or the time runs out.
     */
    public Matcher awaitLine(Pattern pattern, Duration timeout) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : output().split("\n")) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
            if (!process.isAlive()) {
                throw new TestbedException(name + " exited (status " + process.exitValue() + ") before printing /"
                        + pattern + "/; its output:\n" + output());
            }
            if (System.nanoTime() > deadlineNs) {
                throw new TestbedException(name + " printed no /" + pattern + "/ within " + timeout.toSeconds()
                        + " s; its output:\n" + output());
            }
            sleepMs(POLL_MS);
        }
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL, and waits (bounded) until it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(STOP_GRACE);
        LIVE.remove(this);
    }

    /** SIGTERM, then SIGKILL when it has not exited within a few seconds. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(STOP_GRACE)) {
                process.destroyForcibly();
                waitFor(STOP_GRACE);
            }
        }
        LIVE.remove(this);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted");
        }
    }
}
