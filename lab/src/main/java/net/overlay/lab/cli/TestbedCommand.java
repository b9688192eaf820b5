package net.overlay.lab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import net.overlay.lab.testbed.DelayVariation;
import net.overlay.lab.testbed.NatMode;
import net.overlay.lab.testbed.Site;
import net.overlay.lab.testbed.Testbed;
import net.overlay.lab.testbed.TestbedControl;
import net.overlay.lab.testbed.TestbedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./overlay testbed up|down|status}: the real-NAT testbed in network namespaces
 * ({@link net.overlay.lab.testbed}, docs/testbed.md). Needs root; without it, says so and exits 2.
 */
@Command(name = "testbed", description = "The real-NAT testbed in network namespaces: up|down|status.")
final class TestbedCommand implements Callable<Integer> {
    static final int EXIT_NOT_ROOT = 2;

    /** What to do. */
    enum Action { up, down, status }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "up, down or status.")
    Action action;

    @Option(names = "--prefix", defaultValue = Testbed.DEFAULT_PREFIX, paramLabel = "P",
            description = "Namespace name prefix, so parallel testbeds do not collide (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--nat-a", defaultValue = "masquerade", paramLabel = "MODE",
            description = "NAT of site a: masquerade (port-restricted), random or fully-random (symmetric).")
    String natA;

    @Option(names = "--nat-b", defaultValue = "masquerade", paramLabel = "MODE", description = "NAT of site b.")
    String natB;

    @Option(names = "--loss-a", defaultValue = "0", paramLabel = "PCT",
            description = "Random loss on site a's internet link, percent each direction.")
    int lossA;

    @Option(names = "--loss-b", defaultValue = "0", paramLabel = "PCT", description = "Same for site b.")
    int lossB;

    @Option(names = "--rate-a", defaultValue = "0", paramLabel = "KBIT",
            description = "Upload rate limit (tc tbf) of site a, kbit/s; 0 for none.")
    int rateA;

    @Option(names = "--rate-b", defaultValue = "0", paramLabel = "KBIT", description = "Same for site b.")
    int rateB;

    @Option(names = "--core-hops", defaultValue = "" + Testbed.DEFAULT_CORE_HOPS, paramLabel = "N",
            description = "Core routers between r1 and r2 (default: ${DEFAULT-VALUE}); the agents' TTL-4 priming must die before the far NAT.")
    int coreHops;

    @Option(names = "--delay-a", defaultValue = "0", paramLabel = "MS",
            description = "One-way delay added each direction on site a's internet link (user-space delay line), ms.")
    int delayA;

    @Option(names = "--delay-b", defaultValue = "0", paramLabel = "MS", description = "Same for site b.")
    int delayB;

    @Option(names = "--jitter-a", defaultValue = "0", paramLabel = "MS",
            description = "Random extra delay, uniform 0..MS, each packet on site a's link (delay line); "
                    + "packets may overtake each other, so this reorders (unless --keep-order).")
    int jitterA;

    @Option(names = "--jitter-b", defaultValue = "0", paramLabel = "MS", description = "Same for site b.")
    int jitterB;

    @Option(names = "--reorder-a", defaultValue = "0", paramLabel = "PCT",
            description = "Chance, percent, that a packet on site a's link is held back --reorder-gap-a ms, "
                    + "so later packets overtake it.")
    int reorderA;

    @Option(names = "--reorder-b", defaultValue = "0", paramLabel = "PCT", description = "Same for site b.")
    int reorderB;

    @Option(names = "--reorder-gap-a", defaultValue = "" + DelayVariation.DEFAULT_REORDER_GAP_MS, paramLabel = "MS",
            description = "How long --reorder-a holds a packet back, ms (default: ${DEFAULT-VALUE}).")
    int reorderGapA;

    @Option(names = "--reorder-gap-b", defaultValue = "" + DelayVariation.DEFAULT_REORDER_GAP_MS, paramLabel = "MS",
            description = "Same for site b.")
    int reorderGapB;

    @Option(names = "--keep-order",
            description = "Jitter without reordering: no packet leaves a delay line before one read before it.")
    boolean keepOrder;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the delay lines' random draws (site b uses N+1) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Validate the description first, so a bad option is reported as such even without root.
        Testbed tb = new Testbed(prefix, List.of(
                new Site("a", NatMode.parse(natA), lossA, rateA, delayA,
                        variation("a", jitterA, reorderA, reorderGapA, seed)),
                new Site("b", NatMode.parse(natB), lossB, rateB, delayB,
                        variation("b", jitterB, reorderB, reorderGapB, seed + 1))), coreHops);
        if (!TestbedControl.isRoot()) {
            err.println("overlay testbed: needs root (network namespaces, nftables and tc); run it as root, "
                    + "e.g. 'sudo ./overlay testbed " + action + "'");
            err.flush();
            return EXIT_NOT_ROOT;
        }
        try {
            switch (action) {
                case up -> {
                    TestbedControl.up(tb);
                    out.print(TestbedControl.status(prefix));
                }
                case down -> {
                    List<String> deleted = TestbedControl.down(prefix);
                    out.println(deleted.isEmpty() ? "nothing to remove for prefix '" + prefix + "'"
                            : "removed " + String.join(" ", deleted));
                }
                case status -> out.print(TestbedControl.status(prefix));
            }
            return 0;
        } catch (TestbedException e) {
            err.println("overlay testbed " + action + ": " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** One site's delay variation; a bad value is reported with the site's name. */
    private DelayVariation variation(String site, int jitterMs, int reorderPercent, int gapMs, long siteSeed) {
        try {
            return new DelayVariation(jitterMs, keepOrder, reorderPercent,
                    reorderPercent > 0 ? gapMs : 0, siteSeed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("site " + site + ": " + e.getMessage(), e);
        }
    }
}
