package net.overlay.lab.soak;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.overlay.lab.testbed.DelayLineStats;
import net.overlay.lab.testbed.DelayVariation;
import net.overlay.lab.testbed.JavaCommand;
import net.overlay.lab.testbed.NatMode;
import net.overlay.lab.testbed.NsProcess;
import net.overlay.lab.testbed.PathMeter;
import net.overlay.lab.testbed.Site;
import net.overlay.lab.testbed.Testbed;
import net.overlay.lab.testbed.TestbedAgents;
import net.overlay.lab.testbed.TestbedControl;

/**
 * One soak run on a fresh testbed: both sites behind {@code masquerade} NATs with the configured
 * loss, delay and jitter on their internet links (the jitter lets packets overtake each other in
 * the delay lines, so the tunnel sees reordering; the lines count it), the dev rendezvous in
 * {@code inet}, the device in site b offering an {@link EchoServer}, a client in site a, and a
 * {@link SoakPump} pushing a steady
 * pattern through the tunnel and checking it back, while the agents' heaps are sampled. The
 * testbed is always torn down at the end. Callers: {@code ./overlay soak} and the root-only soak
 * test. Needs root. Not thread-safe.
 */
public final class SoakRun {
    /** The echo service's port on site b's loopback. */
    static final int ECHO_PORT = 7007;
    /** JVM starts and a session on a loaded 2-core machine: a bound, not an expectation. */
    private static final Duration START = Duration.ofSeconds(90);

    /**
     * What to run.
     *
     * @param prefix the testbed's namespace prefix
     * @param seconds how long the pump writes
     * @param lossPercent random loss on each site's internet link, each direction
     * @param delayMs one-way delay line on each site's internet link, 0 for none
     * @param variation what the delay lines add to {@code delayMs} (jitter, reordering); site b's
     *     line draws from the next seed
     * @param rateBytesPerSecond the pump's steady rate, each direction
     * @param sampleEverySeconds heap sampling period
     */
    public record Config(String prefix, long seconds, int lossPercent, int delayMs, DelayVariation variation,
            long rateBytesPerSecond, int sampleEverySeconds) {
        /** The default jitter: 0..10 ms on a 5 ms line reorders packets sent less than 10 ms apart. */
        public static final int DEFAULT_JITTER_MS = 10;
        /**
         * The default rate each way: under the default jitter and 1 % loss the tunnel carried 242 kB/s
         * of a 250 kB/s offer on the loaded dev machine once the transport stopped taking reordering
         * for loss (68 kB/s before; docs/hardening.md), so 200 kB/s is a steady load it keeps up with
         * rather than a backlog that only grows.
         */
        public static final long DEFAULT_RATE_BYTES_PER_SECOND = 200_000;

        public Config {
            if (seconds < 1 || rateBytesPerSecond < 1 || sampleEverySeconds < 1) {
                throw new IllegalArgumentException("seconds, rate and sample period must be positive");
            }
        }

        /** True when the delay lines were asked to reorder, so the report must show some. */
        public boolean reorders() {
            return !variation.keepOrder() && variation.varies();
        }
    }

    /**
     * The outcome.
     *
     * @param pump what the pump reported
     * @param heaps one sampler per agent, with its samples
     * @param path bytes the core link counted on the direct path and through the relay
     * @param clientLog the client's output (path changes, session ends)
     * @param delayLines each site's delay line counters (site name to counters), read when the pump
     *     was done; a site whose line wrote none is missing
     * @param reorderExpected true when the configuration asked for reordering
     */
    public record Report(PumpResult pump, List<HeapSampler> heaps, PathMeter.Reading path, String clientLog,
            Map<String, DelayLineStats> delayLines, boolean reorderExpected) {
        /** Packets the delay lines of all sites let leave out of order. */
        public long reorderedPackets() {
            return delayLines.values().stream().mapToLong(DelayLineStats::reordered).sum();
        }

        /** Every byte intact and, when reordering was asked for, some packets really reordered. */
        public boolean ok() {
            return pump.intact() && (!reorderExpected || reorderedPackets() > 0);
        }

        /** The human-readable summary {@code ./overlay soak} prints. */
        public void print(PrintWriter out) {
            out.printf("soak: %.0f s, sent %,d bytes, received %,d bytes (%.0f kB/s each way)%n", pump.seconds(),
                    pump.sentBytes(), pump.receivedBytes(), pump.receivedBytes() / pump.seconds() / 1000);
            out.printf("  digests: sent %s%n           received %s  %s%n", pump.sentSha256(), pump.receivedSha256(),
                    pump.sentSha256().equals(pump.receivedSha256()) ? "MATCH" : "DIFFER");
            out.printf("  wrong reads: %d; longest stall between reads: %d ms; error: %s%n", pump.mismatchedReads(),
                    pump.maxStallMs(), pump.error());
            out.println("  core link: " + path);
            delayLines.forEach((site, st) -> out.printf("  delay line site %s: %,d packets passed, %,d reordered "
                    + "(%.2f %%), %,d dropped on a full queue%n", site, st.passed(), st.reordered(),
                    st.reorderedPercent(), st.dropped()));
            out.printf("  reordered packets: %,d%s%n", reorderedPackets(),
                    reorderExpected && reorderedPackets() == 0 ? " (NONE, though jitter was asked for)" : "");
            for (HeapSampler h : heaps) {
                StringBuilder b = new StringBuilder();
                h.samples().forEach(s -> b.append(String.format(" %.0fs:%dK", s.atSeconds(), s.usedKib())));
                out.printf("  %s live heap (KiB after full GC):%s; slope %.0f KiB/min%n", h.name(), b,
                        h.slopeKibPerMinute());
            }
            long closes = clientLog.lines().filter(l -> l.startsWith("session closed")).count();
            out.println("  client: " + (clientLog.contains("direct path") ? "went direct" : "stayed on the relay")
                    + ", " + closes + " session close(s)");
            out.println("  result: " + (ok() ? "every byte came back intact"
                    + (reorderExpected ? " through reordering links" : "") : "FAILED"));
            out.flush();
        }
    }

    private SoakRun() {
    }

    /** Builds the testbed, runs the soak, tears everything down; progress lines go to {@code out}. */
    public static Report run(Config c, Path work, PrintWriter out) throws IOException {
        DelayVariation v = c.variation();
        Site a = new Site("a", NatMode.MASQUERADE, c.lossPercent(), 0, c.delayMs(), v);
        Site b = new Site("b", NatMode.MASQUERADE, c.lossPercent(), 0, c.delayMs(),
                new DelayVariation(v.jitterMs(), v.keepOrder(), v.reorderPercent(), v.reorderGapMs(), v.seed() + 1));
        Testbed tb = new Testbed(c.prefix(), List.of(a, b));
        out.println("soak: building testbed " + c.prefix() + " (loss " + c.lossPercent() + " %, delay "
                + c.delayMs() + " ms, " + v.describe() + ", each way on both sites)");
        out.flush();
        TestbedControl.up(tb);
        try (NsProcess echo = startEcho(tb, b, work);
                TestbedAgents agents = TestbedAgents.start(tb, work.resolve("agents"), b,
                        Map.of("echo", "127.0.0.1:" + ECHO_PORT))) {
            PathMeter meter = PathMeter.install(tb, a, b);
            TestbedAgents.Client client = agents.connect(a, "echo");
            client.awaitSession(START);
            out.println("soak: session up; pumping " + c.rateBytesPerSecond() + " B/s each way for " + c.seconds() + " s");
            out.flush();
            List<HeapSampler> heaps = List.of(new HeapSampler("device", agents.deviceProcess().pid()),
                    new HeapSampler("client", client.process().pid()),
                    new HeapSampler("rendezvous", agents.rendezvousProcess().pid()));
            PathMeter.Reading before = meter.read();
            PumpResult result = pump(tb, a, work, client.port(), c, heaps, out);
            Map<String, DelayLineStats> lines = new TreeMap<>();
            for (Site s : tb.sites()) {
                TestbedControl.delayStats(c.prefix(), s.name()).ifPresent(st -> lines.put(s.name(), st));
            }
            return new Report(result, heaps, meter.read().minus(before), client.process().output(), lines,
                    c.reorders());
        } finally {
            TestbedControl.down(c.prefix());
        }
    }

    /** Starts the echo service on {@code site}'s loopback and waits until it listens. */
    public static NsProcess startEcho(Testbed tb, Site site, Path work) throws IOException {
        NsProcess echo = NsProcess.start("echo", tb.siteNs(site), JavaCommand.of(EchoServer.class.getName(),
                List.of("127.0.0.1", String.valueOf(ECHO_PORT))), work.resolve("echo.log"));
        echo.awaitLine(Pattern.compile("echo listening"), START);
        return echo;
    }

    /** Starts a pump in {@code site} against a client's local port; its {@code pump done} line ends it. */
    public static NsProcess startPump(Testbed tb, Site site, Path log, int port, long seconds, long rateBytesPerSecond)
            throws IOException {
        return NsProcess.start("pump", tb.siteNs(site), JavaCommand.of(SoakPump.class.getName(), List.of("127.0.0.1",
                String.valueOf(port), String.valueOf(seconds), String.valueOf(rateBytesPerSecond),
                String.valueOf(System.nanoTime()), "1")), log);
    }

    /** Waits for the pump's result line: a pump writing for {@code seconds}, plus its drain allowance. */
    public static PumpResult awaitPump(NsProcess pump, long seconds) {
        return awaitPump(pump, Duration.ofSeconds(seconds + 180));
    }

    /** Waits at most {@code timeout} for the pump's result line. */
    public static PumpResult awaitPump(NsProcess pump, Duration timeout) {
        Matcher m = pump.awaitLine(PumpResult.donePattern(), timeout);
        return PumpResult.parse(m);
    }

    private static PumpResult pump(Testbed tb, Site a, Path work, int port, Config c, List<HeapSampler> heaps,
            PrintWriter out) throws IOException {
        long startNs = System.nanoTime();
        List<String> failedSamples = new ArrayList<>();
        try (NsProcess pump = startPump(tb, a, work.resolve("pump.log"), port, c.seconds(), c.rateBytesPerSecond())) {
            long nextSampleNs = startNs;
            while (pump.isAlive() && !PumpResult.donePattern().matcher(pump.output()).find()) {
                if (System.nanoTime() >= nextSampleNs) {
                    double at = (System.nanoTime() - startNs) / 1e9;
                    StringBuilder line = new StringBuilder(String.format("soak: t=%.0fs", at));
                    for (HeapSampler h : heaps) {
                        h.sample(at).ifPresentOrElse(s -> line.append(' ').append(h.name()).append('=')
                                .append(s.usedKib()).append('K'), () -> failedSamples.add(h.name()));
                    }
                    String progress = pump.output().lines().filter(l -> l.startsWith("pump t=")).reduce((x, y) -> y)
                            .orElse("");
                    out.println(line + "  " + progress);
                    out.flush();
                    nextSampleNs += c.sampleEverySeconds() * 1_000_000_000L;
                }
                sleepMs(200);
            }
            if (!failedSamples.isEmpty()) {
                out.println("soak: heap samples that failed (jcmd): " + failedSamples);
            }
            return awaitPump(pump, c.seconds());
        }
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
