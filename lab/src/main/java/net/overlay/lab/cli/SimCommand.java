package net.overlay.lab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.overlay.lab.bench.DeviceSimBench;
import net.overlay.lab.bench.SimBench;
import net.overlay.sim.device.DeviceSimSpec;
import net.overlay.sim.device.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./overlay sim}: the simulator's benchmarks, {@code sim bench} (device workload, or the engine's ping). */
@Command(name = "sim", description = "The simulator: bench --devices N [--minutes M] [--connects K] [--threads T] [--seed S]"
        + " (devices behind NATs), or bench --workload ping --devices N [--periods P] (the engine alone).",
        subcommands = {SimCommand.Bench.class})
final class SimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code sim bench}: the device workload (the default: overlay-core's machines behind NATs,
     * issue #5's scale benchmark) or the engine's ping workload.
     */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Device benchmark (default): N devices behind NATs register and keep alive for M minutes while K"
                    + " clients connect; prints wall time, events/s, heap per device, outcomes. --workload ping: the engine alone.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--workload", defaultValue = "nat", description = "ping or nat (default: ${DEFAULT-VALUE})")
        String workload;

        @Option(names = "--devices", required = true, description = "How many devices (ping: nodes).")
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

        @Option(names = "--minutes", description = "Device workload: simulated minutes (default: 10).")
        Double minutes;

        @Option(names = "--connects", description = "Device workload: clients, each connecting to a random device"
                + " (default: devices / 10).")
        Integer connects;

        @Option(names = "--scenario", description = "Device workload: a JSON scenario file (see docs/simulator.md);"
                + " --devices, --minutes, --connects and --seed override its fields.")
        Path scenario;

        @Option(names = "--crypto", description = "Device workload: real (X25519 in every handshake, as deployed) or"
                + " modelled (an insecure stand-in of the same sizes and draws, for behaviour at scale; docs/simulator.md)."
                + " Default: the scenario's, else real.")
        String crypto;

        @Option(names = "--records", description = "Device workload: write one CSV line per connection here.")
        Path records;

        @Option(names = "--entities", description = "Device workload: write one CSV line of counters per entity"
                + " (device, client, rendezvous node, CGNAT box) here.")
        Path entities;

        @Override
        public Integer call() {
            return switch (workload) {
                case "ping" -> {
                    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
                    int r = regions != null ? regions : Math.min(devices, 2 * t);
                    yield SimBench.runPing(devices, periods, warmupPeriods, r, t, seed, System.out);
                }
                case "nat", "devices" -> devices();
                default -> {
                    System.err.println("overlay sim bench: unknown workload '" + workload + "'; choose ping or nat");
                    yield 2;
                }
            };
        }

        private int devices() {
            int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            int r = regions != null ? regions : 2 * t;
            DeviceSimSpec spec;
            try {
                DeviceSimSpec base = scenario != null ? SpecReader.parse(Files.readString(scenario)) : null;
                double m = minutes != null ? minutes : base != null ? base.durationNs() / 60e9 : 10;
                int k = connects != null ? connects : base != null ? base.connects() : devices / 10;
                DeviceSimSpec bench = DeviceSimSpec.bench(devices, m, k, seed);
                spec = base == null ? bench : base.withRun(devices, k, bench.durationNs(), seed);
                if (crypto != null) {
                    spec = spec.withCrypto(switch (crypto) {
                        case "real" -> DeviceSimSpec.Crypto.REAL;
                        case "modelled", "modeled" -> DeviceSimSpec.Crypto.MODELLED;
                        default -> throw new IllegalArgumentException("--crypto must be real or modelled, got '" + crypto + "'");
                    });
                }
            } catch (IllegalArgumentException | java.io.IOException e) {
                System.err.println("overlay sim bench: " + e.getMessage());
                return 2;
            }
            return DeviceSimBench.run(spec, r, t, records, entities, System.out);
        }
    }
}
