package net.overlay.lab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import net.overlay.lab.bench.BenchAll;
import net.overlay.lab.bench.CryptoBench;
import net.overlay.lab.bench.SimBench;
import net.overlay.lab.bench.RendezvousBench;
import net.overlay.lab.bench.TransportBench;
import net.overlay.lab.bench.TunnelBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./overlay bench crypto|transport|tunnel|rendezvous|sim|all}: benchmarks with their own command. */
@Command(name = "bench", description = "Benchmarks: crypto | transport | tunnel | rendezvous | sim | all.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WHICH", description = "crypto, transport, tunnel, rendezvous, sim or all")
    String which;

    @Option(names = "--quick", description = "Fewer and shorter iterations: a smoke run, not a measurement.")
    boolean quick;

    @Option(names = "--devices", paramLabel = "N",
            description = "rendezvous and all: devices to register (default 1,000,000; --quick 20,000).")
    int devices;

    @Option(names = "--seconds", paramLabel = "S",
            description = "tunnel only: seconds per throughput figure (default 10; --quick 3).")
    Integer seconds;

    @Option(names = "--paths", paramLabel = "P", split = ",",
            description = "tunnel only: which paths, comma-separated: direct, socat, ssh-aes128-gcm, ssh-chacha20, "
                    + "overlay-aes-gcm (default all).")
    List<String> paths = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "tunnel: also write tunnel.csv and tunnel.md here; all: write bench-all.md here (default results/bench-all/).")
    Path out;

    @Override
    public Integer call() throws Exception {
        return switch (which) {
            case "crypto" -> CryptoBench.run(quick, System.out);
            case "transport" -> TransportBench.run(quick, System.out);
            case "rendezvous" -> RendezvousBench.run(quick, devices, System.out);
            case "tunnel" -> TunnelBench.run(new TunnelBench.Options(seconds != null ? seconds : quick ? 3 : 10, quick,
                    paths, out), System.out);
            case "sim" -> SimBench.runPing(quick ? 10_000 : 1_000_000, quick ? 3 : 10, quick ? 1 : 3, 4, 2, 1,
                    System.out);
            case "all" -> BenchAll.run(new BenchAll.Options(quick, devices, 0,
                    out != null ? out.resolve("bench-all.md") : Path.of("results", "bench-all", "bench-all.md")),
                    System.out);
            default -> {
                System.err.println("overlay bench: unknown benchmark '" + which
                        + "'; choose crypto, transport, tunnel, rendezvous, sim or all");
                yield 2;
            }
        };
    }
}
