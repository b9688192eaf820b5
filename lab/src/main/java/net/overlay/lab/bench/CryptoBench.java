package net.overlay.lab.bench;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import net.overlay.core.proto.crypto.CipherSuite;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code ./overlay bench crypto [--quick]}: runs {@link SessionCryptoBenchmark} under JMH in one
 * forked JVM (so the measured JVM has clean flags and no CLI state) and prints, per cipher, the
 * session code's and the raw JDK cipher's throughput and their ratio, with the allocation per
 * operation from JMH's GC profiler.
 *
 * <p>Class path of the fork: JMH starts it with {@code -cp} set to this JVM's
 * {@code java.class.path}. Launched by {@code ./overlay} ({@code java -jar overlay-lab.jar}) that
 * is just the jar, and the jar's manifest {@code Class-Path} ({@code lib/*.jar}) is honoured for a
 * jar on {@code -cp} too, so the fork sees every class (checked: the fork's command line is
 * {@code java -cp .../overlay-lab.jar ... org.openjdk.jmh.runner.ForkedMain}).
 */
public final class CryptoBench {
    /** The issue's targets: session within 10% of raw JDK; AES-GCM at least 1.2 GB/s seal+open. */
    static final double MIN_RATIO = 0.90;
    static final double MIN_AES_GCM_MB_PER_S = 1200;

    private CryptoBench() {}

    public static int run(boolean quick, PrintStream out) throws RunnerException {
        return run(quick, out, Headlines.NONE);
    }

    public static int run(boolean quick, PrintStream out, Headlines headlines) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(SessionCryptoBenchmark.class.getName() + "\\.")
                .forks(1)
                // Replaces the flags the fork would inherit from this JVM (launcher options,
                // OVERLAY_JAVA_OPTS): the measured JVM runs with these and JMH's own only.
                .jvmArgs("-XX:+UseCompactObjectHeaders", "-Xms256m", "-Xmx256m",
                        // JMH 1.37 uses sun.misc.Unsafe; JDK 25 warns about it on every fork otherwise.
                        "--sun-misc-unsafe-memory-access=allow")
                .shouldFailOnError(true)
                .addProfiler(GCProfiler.class);
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(500))
                    .verbosity(VerboseMode.SILENT);
        } else {
            options.warmupIterations(5).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(3))
                    .verbosity(VerboseMode.NORMAL);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        printTable(results, quick, out, headlines);
        return 0;
    }

    static void printTable(Collection<RunResult> results, boolean quick, PrintStream out) {
        printTable(results, quick, out, Headlines.NONE);
    }

    static void printTable(Collection<RunResult> results, boolean quick, PrintStream out, Headlines headlines) {
        Map<String, RunResult> byKey = new TreeMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            byKey.put(method + "/" + r.getParams().getParam("suite"), r);
        }
        out.println();
        out.printf(Locale.ROOT, "crypto: seal+open of one %d-byte datagram (%d-byte payload) per op, one thread;%n",
                SessionCryptoBenchmark.DATAGRAM_BYTES, SessionCryptoBenchmark.PAYLOAD_BYTES);
        out.println("MB/s = payload bytes (10^6) per second; each payload byte is encrypted once and decrypted once.");
        if (quick) {
            out.println("--quick: one short iteration, a smoke run: the figures are not measurements.");
        }
        out.println("mean ± 99.9% error over the measured iterations; best = the fastest iteration, the better");
        out.println("estimate of the code's own speed when other processes share the cores.");
        out.printf(Locale.ROOT, "%-12s %16s %8s %16s %8s %7s %7s %9s %9s%n", "cipher", "session MB/s", "best",
                "raw JDK MB/s", "best", "ratio", "best", "sess B/op", "raw B/op");
        for (CipherSuite suite : CipherSuite.values()) {
            RunResult session = byKey.get("session/" + suite.name());
            RunResult raw = byKey.get("rawJdk/" + suite.name());
            if (session == null || raw == null) {
                out.println(suite + ": no result");
                continue;
            }
            double s = mbPerSecond(session.getPrimaryResult().getScore());
            double j = mbPerSecond(raw.getPrimaryResult().getScore());
            double sBest = mbPerSecond(session.getPrimaryResult().getStatistics().getMax());
            double jBest = mbPerSecond(raw.getPrimaryResult().getStatistics().getMax());
            out.printf(Locale.ROOT, "%-12s %9.0f ± %4.0f %8.0f %9.0f ± %4.0f %8.0f %7.2f %7.2f %9s %9s%n", suite,
                    s, errorMb(session.getPrimaryResult()), sBest, j, errorMb(raw.getPrimaryResult()), jBest,
                    s / j, sBest / jBest, allocPerOp(session), allocPerOp(raw));
            headlines.add("crypto", suite + " seal+open, best iteration", sBest, "MB/s", "raw JDK cipher, best", jBest, true);
            if (!quick) {
                out.println(verdict(suite, "mean", s, j));
                out.println(verdict(suite, "best", sBest, jBest));
            }
        }
    }

    private static String verdict(CipherSuite suite, String which, double sessionMb, double rawMb) {
        String ratio = sessionMb / rawMb >= MIN_RATIO ? "met" : String.format(Locale.ROOT, "MISSED by %.1f%%",
                100 * (MIN_RATIO - sessionMb / rawMb));
        String line = "  " + suite + " (" + which + "): session within 10% of raw JDK: " + ratio;
        if (suite == CipherSuite.AES_GCM) {
            line += sessionMb >= MIN_AES_GCM_MB_PER_S ? "; >= 1200 MB/s: met"
                    : String.format(Locale.ROOT, "; >= 1200 MB/s: MISSED (%.0f MB/s, %.0f%% of target)",
                            sessionMb, 100 * sessionMb / MIN_AES_GCM_MB_PER_S);
        }
        return line;
    }

    private static double mbPerSecond(double opsPerSecond) {
        return opsPerSecond * SessionCryptoBenchmark.PAYLOAD_BYTES / 1e6;
    }

    private static double errorMb(Result<?> opsPerSecond) {
        double err = opsPerSecond.getScoreError();
        return Double.isNaN(err) ? 0 : err * SessionCryptoBenchmark.PAYLOAD_BYTES / 1e6;
    }

    private static String allocPerOp(RunResult r) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return String.format(Locale.ROOT, "%.0f", e.getValue().getScore());
            }
        }
        return "n/a";
    }
}
