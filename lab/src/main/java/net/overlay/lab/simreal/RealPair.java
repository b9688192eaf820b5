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
 * the dev rendezvous in the internet host, the device agent in site b, one client in site a
 * ({@link TestbedAgents}); waits for the client's session, then for its report of a direct path.
 * The testbed is always torn down. Needs root. Called by {@link SimVsRealScenario} on its thread.
 */
final class RealPair {
    /** The service the device offers; nothing listens there, the session needs none. */
    private static final Map<String, String> SERVICES = Map.of("echo", "127.0.0.1:7");

    private RealPair() {}

    /** Where the client's session ended up. */
    enum Outcome { DIRECT, RELAYED, FAILED }

    /**
     * What the testbed gave for one pair (times are wall clock, measured here).
     *
     * @param outcome direct, relayed (a session, no direct path in time) or failed (no session)
     * @param sessionMs from the client listening to its session being up (NaN without one)
     * @param directMs from the session being up to the client's "direct path" line (NaN without one)
     * @param loadAverage the machine's one-minute load average when the pair ended
     * @param detail the error when there was no session, else empty
     */
    record Result(Outcome outcome, double sessionMs, double directMs, double loadAverage, String detail) {}

    static Result run(SimVsRealSettings.Pair pair, SimVsRealSettings s) throws IOException {
        String prefix = "sv" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        Site a = new Site("a", pair.client(), 0, 0, s.delayMs());
        Site b = new Site("b", pair.device(), 0, 0, s.delayMs());
        Testbed tb = new Testbed(prefix, List.of(a, b), s.coreHops());
        Path work = Files.createTempDirectory("overlay-simvsreal-");
        TestbedAgents agents = null;
        try {
            TestbedControl.up(tb);
            agents = TestbedAgents.start(tb, work, b, SERVICES);
            TestbedAgents.Client client = agents.connect(a, "echo");
            long listenNs = System.nanoTime();
            try {
                client.awaitSession(Duration.ofSeconds(s.sessionWithinS()));
            } catch (TestbedException e) {
                return new Result(Outcome.FAILED, Double.NaN, Double.NaN, load(), firstLine(e.getMessage()));
            }
            long sessionNs = System.nanoTime();
            try {
                client.awaitDirect(Duration.ofSeconds(s.directWithinS()));
            } catch (TestbedException e) {
                return new Result(Outcome.RELAYED, (sessionNs - listenNs) / 1e6, Double.NaN, load(), "");
            }
            return new Result(Outcome.DIRECT, (sessionNs - listenNs) / 1e6, (System.nanoTime() - sessionNs) / 1e6,
                    load(), "");
        } catch (TestbedException e) {
            return new Result(Outcome.FAILED, Double.NaN, Double.NaN, load(), firstLine(e.getMessage()));
        } finally {
            if (agents != null) agents.close();
            TestbedControl.down(prefix);
            deleteTree(work);
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
