package net.overlay.lab.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Formats {@link TunnelBench}'s rows: the console table, CSV and markdown. Ratios compare each
 * row's figure with the direct row's and with the {@code ssh -L} aes128-gcm row's (the same cipher
 * family as our tunnel), column by column; a ratio whose base is missing is blank.
 */
final class BenchTable {
    private static final String BASE_DIRECT = "direct";
    private static final String BASE_SSH = "ssh-aes128-gcm";

    private BenchTable() {}

    static void print(List<TunnelBench.Row> rows, PrintStream out) {
        int[] k = TunnelBench.concurrentStreams();
        out.printf(Locale.ROOT, "%-16s %10s %10s %10s %9s %9s %9s %9s %9s%n", "path", "1 str Gb/s", k[0] + " str",
                k[1] + " str", "p50 us", "p99 us", "CPU s/GB", "x direct", "x ssh-aes");
        for (TunnelBench.Row r : rows) {
            if (!r.measured()) {
                out.printf(Locale.ROOT, "%-16s %s%n", r.path(), r.note());
                continue;
            }
            out.printf(Locale.ROOT, "%-16s %10.2f %10.2f %10.2f %9.1f %9.1f %9.2f %9s %9s%n", r.path(),
                    r.gbitPerSecond()[0], r.gbitPerSecond()[1], r.gbitPerSecond()[2], r.p50Us(), r.p99Us(),
                    r.cpuSecondsPerGb(),
                    ratio(r, base(rows, BASE_DIRECT), 0), ratio(r, base(rows, BASE_SSH), 0));
        }
        out.println("Gb/s: Gbit/s of application bytes counted by the sink; CPU s/GB: CPU seconds (this JVM, "
                + "with the load and the sink, plus the forwarder's processes) per GB of one stream; x direct, "
                + "x ssh-aes: one stream's throughput over that row's.");
    }

    static String csv(List<TunnelBench.Row> rows) {
        int[] k = TunnelBench.concurrentStreams();
        StringBuilder b = new StringBuilder("path,gbit_s_1_stream,gbit_s_" + k[0] + "_streams,gbit_s_" + k[1]
                + "_streams,p50_us,p99_us,cpu_s_per_gb,ratio_direct_1_stream,ratio_ssh_aes_1_stream,note\n");
        for (TunnelBench.Row r : rows) {
            if (!r.measured()) {
                b.append(r.path()).append(",,,,,,,,,").append(r.note().replace(',', ';')).append('\n');
                continue;
            }
            b.append(String.format(Locale.ROOT, "%s,%.3f,%.3f,%.3f,%.1f,%.1f,%.3f,%s,%s,%n", r.path(),
                    r.gbitPerSecond()[0], r.gbitPerSecond()[1], r.gbitPerSecond()[2], r.p50Us(), r.p99Us(),
                    r.cpuSecondsPerGb(),
                    ratio(r, base(rows, BASE_DIRECT), 0).strip(), ratio(r, base(rows, BASE_SSH), 0).strip()));
        }
        return b.toString();
    }

    static String markdown(List<TunnelBench.Row> rows) {
        int[] k = TunnelBench.concurrentStreams();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "| path | 1 stream Gbit/s | %d streams | %d streams | p50 µs | p99 µs | CPU s/GB | × direct | "
                        + "× ssh aes128-gcm |%n|---|---|---|---|---|---|---|---|---|%n", k[0], k[1]));
        for (TunnelBench.Row r : rows) {
            if (!r.measured()) {
                b.append("| ").append(r.path()).append(" | ").append(r.note()).append(" | | | | | | | |\n");
                continue;
            }
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.1f | %.1f | %.2f | %s | %s |%n", r.path(),
                    r.gbitPerSecond()[0], r.gbitPerSecond()[1], r.gbitPerSecond()[2], r.p50Us(), r.p99Us(),
                    r.cpuSecondsPerGb(),
                    ratio(r, base(rows, BASE_DIRECT), 0).strip(), ratio(r, base(rows, BASE_SSH), 0).strip()));
        }
        return b.toString();
    }

    private static Optional<TunnelBench.Row> base(List<TunnelBench.Row> rows, String path) {
        return rows.stream().filter(r -> r.path().equals(path) && r.measured()).findFirst();
    }

    private static String ratio(TunnelBench.Row r, Optional<TunnelBench.Row> base, int column) {
        return base.map(b -> String.format(Locale.ROOT, "%.2f", r.gbitPerSecond()[column] / b.gbitPerSecond()[column]))
                .orElse("");
    }
}
