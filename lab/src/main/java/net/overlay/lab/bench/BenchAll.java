package net.overlay.lab.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./overlay bench all}: every benchmark in one run, one after the other in this JVM
 * (crypto forks its own JMH JVM), each printing its own table, then one table of the headline
 * figures with the ratios measured in this same run, written as markdown beside a note of the
 * machine. {@code docs/benchmarks.md} quotes the latest such table.
 */
public final class BenchAll {

    /** What to run: {@code quick} for a smoke run; {@code rendezvousDevices} 0 = the bench's default. */
    public record Options(boolean quick, int rendezvousDevices, int simDevices, Path out) {}

    private BenchAll() {}

    public static int run(Options o, PrintStream out) throws Exception {
        Headlines h = Headlines.collecting();
        long startNs = System.nanoTime();
        section(out, "crypto");
        CryptoBench.run(o.quick(), out, h);
        section(out, "transport");
        TransportBench.run(o.quick(), out, h);
        section(out, "tunnel");
        TunnelBench.run(new TunnelBench.Options(o.quick() ? 2 : 10, o.quick(), List.of(), null), out, h);
        section(out, "rendezvous");
        RendezvousBench.run(o.quick(), o.rendezvousDevices(), out, h);
        section(out, "simulator (ping workload)");
        int sim = o.simDevices() > 0 ? o.simDevices() : o.quick() ? 10_000 : 1_000_000;
        SimBench.runPing(sim, o.quick() ? 3 : 10, o.quick() ? 1 : 3, Math.min(sim, 4), 2, 1, out, h);
        String table = h.markdown();
        String machine = machine(Duration.ofNanos(System.nanoTime() - startNs));
        section(out, "summary");
        out.print(table);
        out.println(machine);
        if (o.out() != null) {
            Files.createDirectories(o.out().toAbsolutePath().getParent());
            Files.writeString(o.out(), "# bench all\n\n" + machine + "\n\n" + table);
            out.println("wrote " + o.out());
        }
        return 0;
    }

    private static void section(PrintStream out, String name) {
        out.println();
        out.println("== " + name + " " + "=".repeat(Math.max(3, 70 - name.length())));
        out.flush();
    }

    static String machine(Duration took) {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "Run %s on %s %s, %d cores, JDK %s, max heap %d MB, load average at the "
                        + "end %.1f; took %d min %d s.", Instant.now().toString().substring(0, 16), System.getProperty("os.name"),
                System.getProperty("os.arch"), rt.availableProcessors(), System.getProperty("java.version"),
                rt.maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                took.toMinutes(), took.toSecondsPart());
    }

}
