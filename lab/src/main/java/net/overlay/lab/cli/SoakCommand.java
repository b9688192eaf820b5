package net.overlay.lab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import net.overlay.lab.soak.SoakRun;
import net.overlay.lab.testbed.DelayVariation;
import net.overlay.lab.testbed.TestbedControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./overlay soak}: a tunnel under steady load on a fresh namespace testbed, with loss, delay
 * and jitter that reorders, every byte checked and the agents' heaps sampled ({@link SoakRun},
 * docs/hardening.md). Needs root; without it, says so and exits 2. Exit 0 when every byte came back
 * intact (and, when jitter or reordering was asked for, the delay lines did reorder packets), 1
 * otherwise.
 */
@Command(name = "soak", description = "Soak a tunnel on the namespace testbed: steady echo traffic, loss, digests, heap samples.")
final class SoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", defaultValue = "10", paramLabel = "M", description = "How long to push data (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--loss", defaultValue = "1", paramLabel = "PCT",
            description = "Random loss on both sites' internet links, each direction, percent (default: ${DEFAULT-VALUE}).")
    int lossPercent;

    @Option(names = "--delay", defaultValue = "5", paramLabel = "MS",
            description = "One-way delay line on both sites' internet links, ms (default: ${DEFAULT-VALUE}).")
    int delayMs;

    @Option(names = "--jitter", defaultValue = "" + SoakRun.Config.DEFAULT_JITTER_MS, paramLabel = "MS",
            description = "Random extra delay 0..MS per packet in both delay lines; packets overtake each other, "
                    + "so the tunnel sees reordering (default: ${DEFAULT-VALUE}; 0 keeps order).")
    int jitterMs;

    @Option(names = "--reorder", defaultValue = "0", paramLabel = "PCT",
            description = "Also hold back this percent of packets by --reorder-gap ms (default: ${DEFAULT-VALUE}).")
    int reorderPercent;

    @Option(names = "--reorder-gap", defaultValue = "" + DelayVariation.DEFAULT_REORDER_GAP_MS, paramLabel = "MS",
            description = "How long --reorder holds a packet back, ms (default: ${DEFAULT-VALUE}).")
    int reorderGapMs;

    @Option(names = "--keep-order",
            description = "Jitter without reordering: the delay lines release packets in arrival order.")
    boolean keepOrder;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the delay lines' draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rate", defaultValue = "" + SoakRun.Config.DEFAULT_RATE_BYTES_PER_SECOND, paramLabel = "B/S",
            description = "Steady rate each way, bytes per second (default: ${DEFAULT-VALUE}; what the tunnel "
                    + "sustains with the default jitter, docs/hardening.md; 250000 with --jitter 0).")
    long rateBytesPerSecond;

    @Option(names = "--sample-every", defaultValue = "30", paramLabel = "S",
            description = "Heap sampling period, seconds (default: ${DEFAULT-VALUE}).")
    int sampleEverySeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Validated before the root check, so a bad value is reported as such anywhere.
        DelayVariation variation = new DelayVariation(jitterMs, keepOrder, reorderPercent,
                reorderPercent > 0 ? reorderGapMs : 0, seed);
        if (!TestbedControl.isRoot()) {
            err.println("overlay soak: needs root (it builds a namespace testbed); run it as root");
            return TestbedCommand.EXIT_NOT_ROOT;
        }
        String prefix = "s" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        Path work = Files.createTempDirectory("overlay-soak-");
        out.println("soak: work folder " + work + " (agent logs)");
        SoakRun.Report r = SoakRun.run(new SoakRun.Config(prefix, Math.round(minutes * 60), lossPercent, delayMs,
                variation, rateBytesPerSecond, sampleEverySeconds), work, out);
        r.print(out);
        return r.ok() ? 0 : 1;
    }
}
