package net.overlay.lab.cli;

import java.util.concurrent.Callable;
import net.overlay.lab.bench.SimBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./overlay sim}: the simulator; for now its engine benchmark, {@code sim bench}. */
@Command(name = "sim", description = "The simulator: bench --workload ping --devices N [--periods P] [--warmup P] [--regions R] [--threads T].",
        subcommands = {SimCommand.Bench.class})
final class SimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code sim bench}: the ping workload runs (issue #5's engine benchmark); the NAT/device
     * workload, the default, is not built yet and says so with exit status 3.
     */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Engine benchmark: --workload ping prints events/s and heap per node; the NAT workload is not built yet.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--workload", defaultValue = "nat", description = "ping or nat (default: ${DEFAULT-VALUE})")
        String workload;

        @Option(names = "--devices", required = true, description = "How many nodes (devices).")
        int devices;

        @Option(names = "--periods", defaultValue = "10", description = "Ping periods of 1 s (default: ${DEFAULT-VALUE}).")
        int periods;

        @Option(names = "--warmup", defaultValue = "0",
                description = "Ping periods run untimed first, so the JIT's warm-up is not measured (default: ${DEFAULT-VALUE}).")
        int warmupPeriods;

        @Option(names = "--regions", description = "Region actors (default: 2 per thread).")
        Integer regions;

        @Option(names = "--threads", description = "Dispatcher threads (default: the number of processors).")
        Integer threads;

        @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--minutes", description = "NAT workload: simulated minutes.")
        Integer minutes;

        @Option(names = "--connects", description = "NAT workload: connections to open.")
        Integer connects;

        @Override
        public Integer call() {
            return switch (workload) {
                case "ping" -> {
                    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
                    int r = regions != null ? regions : Math.min(devices, 2 * t);
                    yield SimBench.runPing(devices, periods, warmupPeriods, r, t, seed, System.out);
                }
                case "nat" -> {
                    System.err.println("overlay: 'sim bench' with the NAT/device workload is not built yet (issue #5);"
                            + " try --workload ping");
                    yield NotBuiltYet.EXIT_NOT_BUILT;
                }
                default -> {
                    System.err.println("overlay sim bench: unknown workload '" + workload + "'; choose ping or nat");
                    yield 2;
                }
            };
        }
    }
}
