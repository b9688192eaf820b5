package net.overlay.lab.simreal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import net.overlay.lab.testbed.Site;
import net.overlay.lab.testbed.Testbed;
import net.overlay.lab.testbed.TestbedAgents;
import net.overlay.lab.testbed.TestbedControl;
import net.overlay.lab.testbed.TestbedException;

/**
 * One NAT pair on the namespace testbed: a fresh testbed (random prefix) with the pair's NAT modes,
 * the dev rendezvous in the internet host, the device agent in site b, clients in site a
 * ({@link TestbedAgents}); then, {@code attempts} times, one client after another: waits for its
 * session, then for its report of a direct path. The testbed is always torn down. Needs root. Called by {@link SimVsRealScenario} on its thread.
 */
final class RealPair {
    /** The service the device offers; nothing listens there, the session needs none. */
    private static final Map<String, String> SERVICES = Map.of("echo", "127.0.0.1:7");

    private RealPair() {}

    /**
     * What the testbed gave for one pair (times are wall clock, measured here).
     *
     * @param attempts clients started, one after another, each with a new session
     * @param direct sessions that reported a direct path in time
     * @param relayed sessions that did not
     * @param failed clients without a session (or a testbed that did not come up)
     * @param sessionMedianMs median time from a client listening to its session being up (NaN: none)
     * @param directMedianMs median time from a session being up to its "direct path" line (NaN: none)
     * @param loadAverage the machine's one-minute load average when the pair ended
     * @param detail the first error when a client had no session, else empty
     */
    record Result(int attempts, int direct, int relayed, int failed, double sessionMedianMs, double directMedianMs,
            double loadAverage, String detail) {
        /** The outcome of more than half the attempts, or {@code mixed}. */
        String majority() {
            if (direct * 2 > attempts) return "direct";
            if (relayed * 2 > attempts) return "relayed";
            if (failed * 2 > attempts) return "failed";
            return "mixed";
        }
    }

    static Result run(SimVsRealSettings.Pair pair, SimVsRealSettings s) throws IOException {
        String prefix = "sv" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        Site a = new Site("a", pair.client(), 0, 0, s.delayMs());
        Site b = new Site("b", pair.device(), 0, 0, s.delayMs());
        Testbed tb = new Testbed(prefix, List.of(a, b), s.coreHops());
        Path work = Files.createTempDirectory("overlay-simvsreal-");
        TestbedAgents agents = null;
        Tally tally = new Tally();
        try {
            TestbedControl.up(tb);
            agents = TestbedAgents.start(tb, work, b, SERVICES);
            for (int i = 0; i < s.attempts(); i++) attempt(agents, a, s, tally);
        } catch (TestbedException e) {
            tally.fail(e, s.attempts() - tally.count());
        } finally {
            if (agents != null) agents.close();
            TestbedControl.down(prefix);
            deleteTree(work);
        }
        return tally.result(load());
    }

    /** One client: its session, then its direct path, each within its bound; the client is stopped after. */
    private static void attempt(TestbedAgents agents, Site clientSite, SimVsRealSettings s, Tally tally)
            throws IOException {
        TestbedAgents.Client client = agents.connect(clientSite, "echo");
        try {
            long listenNs = System.nanoTime();
            try {
                client.awaitSession(Duration.ofSeconds(s.sessionWithinS()));
            } catch (TestbedException e) {
                tally.fail(e, 1);
                return;
            }
            long sessionNs = System.nanoTime();
            tally.sessionsMs.add((sessionNs - listenNs) / 1e6);
            try {
                client.awaitDirect(Duration.ofSeconds(s.directWithinS()));
                tally.directMs.add((System.nanoTime() - sessionNs) / 1e6);
            } catch (TestbedException e) {
                tally.relayed++;
            }
        } finally {
            client.process().close();
        }
    }

    /** The attempts of one pair so far. */
    private static final class Tally {
        final List<Double> sessionsMs = new java.util.ArrayList<>();
        final List<Double> directMs = new java.util.ArrayList<>();
        int relayed;
        int failed;
        String detail = "";

        int count() {
            return directMs.size() + relayed + failed;
        }

        void fail(TestbedException e, int attempts) {
            failed += attempts;
            if (detail.isEmpty()) detail = firstLine(e.getMessage());
        }

        Result result(double load) {
            return new Result(count(), directMs.size(), relayed, failed, median(sessionsMs), median(directMs), load,
                    detail);
        }

        private static double median(List<Double> v) {
            return v.isEmpty() ? Double.NaN : v.stream().sorted().toList().get((v.size() - 1) / 2);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** The one-minute load average: the testbed's timings depend on it. */
    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
