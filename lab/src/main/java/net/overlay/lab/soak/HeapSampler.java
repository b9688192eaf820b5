package net.overlay.lab.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.overlay.lab.testbed.Cmd;
import net.overlay.lab.testbed.Tools;

/**
 * Samples a JVM's live heap with {@code jcmd PID GC.run} then {@code jcmd PID GC.heap_info} (the
 * "used" figure right after a full collection is what the program holds, not its garbage), and fits
 * a line through the samples: a leak shows as a positive slope. Callers: {@link SoakRun}. The JVMs
 * are agents started with {@code ip netns exec}, which runs {@code java} in its own process (no
 * fork), so the started pid is the JVM's; a child {@code java} is looked for otherwise. Not
 * thread-safe.
 */
public final class HeapSampler {
    private static final Pattern USED = Pattern.compile("heap\\s+total.*?used (\\d+)K");
    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(30);

    /** One sample: seconds since the run started, live heap in KiB. */
    public record Sample(double atSeconds, long usedKib) {
    }

    private final String name;
    private final long pid;
    private final List<Sample> samples = new ArrayList<>();

    public HeapSampler(String name, long pid) {
        this.name = name;
        this.pid = javaPid(pid);
    }

    /** Takes one sample; returns it, or empty when jcmd failed (the process may be gone). */
    public Optional<Sample> sample(double atSeconds) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Tools.tryRun(Cmd.of(jcmd, String.valueOf(pid), "GC.run"), JCMD_TIMEOUT);
        Tools.Result r = Tools.tryRun(Cmd.of(jcmd, String.valueOf(pid), "GC.heap_info"), JCMD_TIMEOUT);
        Matcher m = USED.matcher(r.out());
        if (!r.ok() || !m.find()) {
            return Optional.empty();
        }
        Sample s = new Sample(atSeconds, Long.parseLong(m.group(1)));
        samples.add(s);
        return Optional.of(s);
    }

    public String name() {
        return name;
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Least-squares slope of the samples in KiB per minute; 0 with fewer than two. */
    public double slopeKibPerMinute() {
        return slopeKibPerMinute(samples);
    }

    static double slopeKibPerMinute(List<Sample> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double mx = samples.stream().mapToDouble(Sample::atSeconds).average().orElse(0);
        double my = samples.stream().mapToLong(Sample::usedKib).average().orElse(0);
        double num = 0;
        double den = 0;
        for (Sample s : samples) {
            num += (s.atSeconds() - mx) * (s.usedKib() - my);
            den += (s.atSeconds() - mx) * (s.atSeconds() - mx);
        }
        return den == 0 ? 0 : num / den * 60;
    }

    private static long javaPid(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || isJava(p.get())) {
            return pid;
        }
        return p.get().descendants().filter(HeapSampler::isJava).findFirst().map(ProcessHandle::pid).orElse(pid);
    }

    private static boolean isJava(ProcessHandle h) {
        return h.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }
}
