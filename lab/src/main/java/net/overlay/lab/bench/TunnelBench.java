package net.overlay.lab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import net.overlay.core.node.tunnel.LoopbackTunnel;
import net.overlay.core.node.tunnel.TunnelNode;

/**
 * {@code ./overlay bench tunnel}: one TCP stream's throughput, 64-byte request-response latency
 * (p50, p99), and the aggregate throughput of 10 and 100 concurrent streams, on loopback, in one
 * run, for each path between the same client and the same server ({@link TcpLoad}): direct,
 * through {@code socat}, through {@code ssh -L} (aes128-gcm and chacha20-poly1305), and through
 * our tunnel ({@link LoopbackTunnel}: dev rendezvous, device and client in this JVM, on the direct
 * path, AES-GCM, the controller and transport settings {@code ./overlay connect} uses:
 * {@link TunnelNode#TRANSPORT}). Prints one
 * table with each row's ratio to direct and to ssh with AES-GCM, and writes CSV and markdown when
 * asked. A path whose tool is missing says "not installed"; one that fails says why.
 *
 * <p>A plain timed run, not JMH: each figure is seconds of whole-system traffic. Not a test.
 */
public final class TunnelBench {
    static final String SSH_AES = "aes128-gcm@openssh.com";
    static final String SSH_CHACHA = "chacha20-poly1305@openssh.com";
    /** The paths, in table order. */
    static final List<String> PATHS = List.of("direct", "socat", "ssh-aes128-gcm", "ssh-chacha20", "overlay-aes-gcm");
    private static final int[] CONCURRENT_STREAMS = {10, 100};
    private static final Duration TUNNEL_START = Duration.ofSeconds(20);

    private TunnelBench() {}

    /**
     * What to run.
     *
     * @param seconds each throughput measurement's length
     * @param quick shorter warm-up and latency runs (a smoke run, not a measurement)
     * @param paths which of {@link #PATHS} to run (all when empty)
     * @param out folder for {@code tunnel.csv} and {@code tunnel.md}, or null
     */
    public record Options(int seconds, boolean quick, List<String> paths, Path out) {
        public Options {
            if (seconds < 1) {
                throw new IllegalArgumentException("--seconds must be >= 1");
            }
            paths = paths.isEmpty() ? PATHS : List.copyOf(paths);
            for (String p : paths) {
                if (!PATHS.contains(p)) {
                    throw new IllegalArgumentException("unknown path '" + p + "'; choose from " + PATHS);
                }
            }
        }
    }

    /** One row: a path's figures, or why it has none. */
    record Row(String path, String note, double[] gbitPerSecond, double p50Us, double p99Us, double cpuSecondsPerGb) {
        static Row missing(String path, String note) {
            return new Row(path, note, new double[0], Double.NaN, Double.NaN, Double.NaN);
        }

        boolean measured() {
            return gbitPerSecond.length > 0;
        }
    }

    public static int run(Options options, PrintStream out) throws IOException, InterruptedException {
        return run(options, out, Headlines.NONE);
    }

    public static int run(Options options, PrintStream out, Headlines headlines) throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "tunnel: loopback, one client and one sink/echo server (Java) per run; %d s per "
                + "throughput figure, 1 / %d / %d streams; latency: %d-byte request-response on one connection%s.%n",
                options.seconds(), CONCURRENT_STREAMS[0], CONCURRENT_STREAMS[1], TcpLoad.REQUEST_BYTES,
                options.quick() ? " (--quick: a smoke run, not a measurement)" : "");
        List<Row> rows = new ArrayList<>();
        try (TcpLoad server = TcpLoad.start()) {
            for (String path : options.paths()) {
                out.printf(Locale.ROOT, "  %s ...%n", path);
                rows.add(measurePath(path, server.address(), options));
            }
        }
        BenchTable.print(rows, out);
        headline(rows, headlines);
        if (options.out() != null) {
            Files.createDirectories(options.out());
            Files.writeString(options.out().resolve("tunnel.csv"), BenchTable.csv(rows));
            Files.writeString(options.out().resolve("tunnel.md"), BenchTable.markdown(rows));
            out.println("wrote " + options.out().resolve("tunnel.csv") + " and tunnel.md");
        }
        return 0;
    }

    /** Every measured path's one-stream throughput, against ssh -L aes128-gcm's (the same cipher family). */
    private static void headline(List<Row> rows, Headlines headlines) {
        Row ssh = rows.stream().filter(r -> r.path().equals("ssh-aes128-gcm") && r.measured()).findFirst().orElse(null);
        for (Row r : rows) {
            if (r.measured()) {
                headlines.add("tunnel", r.path() + ", one stream", r.gbitPerSecond()[0], "Gbit/s",
                        ssh == null || r == ssh ? "" : "ssh -L aes128-gcm", ssh == null || r == ssh ? Double.NaN
                                : ssh.gbitPerSecond()[0], true);
                headlines.add("tunnel", r.path() + ", " + CONCURRENT_STREAMS[1] + " streams", r.gbitPerSecond()[2],
                        "Gbit/s");
                headlines.add("tunnel", r.path() + ", 64-byte request p50", r.p50Us(), "us",
                        ssh == null || r == ssh ? "" : "ssh -L aes128-gcm", ssh == null || r == ssh ? Double.NaN
                                : ssh.p50Us(), false);
            }
        }
    }

    private static Row measurePath(String path, InetSocketAddress server, Options options) throws InterruptedException {
        try {
            return switch (path) {
                case "direct" -> measure(path, server, options, new CpuMeter(List.of()));
                case "socat" -> withTool(path, "socat", options, server);
                case "ssh-aes128-gcm" -> viaSsh(path, SSH_AES, server, options);
                case "ssh-chacha20" -> viaSsh(path, SSH_CHACHA, server, options);
                case "overlay-aes-gcm" -> viaTunnel(path, server, options);
                default -> throw new IllegalArgumentException(path);
            };
        } catch (IOException | TimeoutException e) {
            return Row.missing(path, "failed: " + e.getMessage());
        }
    }

    private static Row withTool(String path, String tool, Options options, InetSocketAddress server)
            throws IOException, InterruptedException {
        Optional<Path> socat = Forwarders.find(tool);
        if (socat.isEmpty()) {
            return Row.missing(path, "not installed");
        }
        try (Forwarders.Forwarder f = Forwarders.socat(socat.get(), server)) {
            return measure(path, f.listen(), options, new CpuMeter(f.handles()));
        }
    }

    private static Row viaSsh(String path, String cipher, InetSocketAddress server, Options options)
            throws IOException, InterruptedException {
        Optional<Path> sshd = Forwarders.find("sshd");
        Optional<Path> ssh = Forwarders.find("ssh");
        Optional<Path> keygen = Forwarders.find("ssh-keygen");
        if (sshd.isEmpty() || ssh.isEmpty() || keygen.isEmpty()) {
            return Row.missing(path, "not installed");
        }
        try (Forwarders.Forwarder f = Forwarders.ssh(sshd.get(), ssh.get(), keygen.get(), cipher, server)) {
            return measure(path, f.listen(), options, new CpuMeter(f.handles()));
        }
    }

    private static Row viaTunnel(String path, InetSocketAddress server, Options options)
            throws IOException, InterruptedException, TimeoutException {
        try (LoopbackTunnel tunnel = LoopbackTunnel.start(server, TunnelNode.TRANSPORT,
                TunnelNode.CONGESTION_CONTROL, TUNNEL_START)) {
            return measure(path, tunnel.tunnelAt(), options, new CpuMeter(List.of()));
        }
    }

    /**
     * Warm-up, one stream (with the CPU it cost, as {@code meter} counts), latency, then the
     * concurrent streams, on {@code target}.
     */
    static Row measure(String path, InetSocketAddress target, Options options, CpuMeter meter)
            throws IOException, InterruptedException {
        long secondNs = 1_000_000_000L;
        // The tunnel's code is compiled while it runs: a short warm-up leaves the first figure low.
        TcpLoad.throughput(target, 1, options.quick() ? secondNs : 3 * secondNs);
        double[] gbit = new double[1 + CONCURRENT_STREAMS.length];
        long cpu0Ns = meter.cpuNs();
        TcpLoad.Throughput one = TcpLoad.throughput(target, 1, options.seconds() * secondNs);
        double cpuSecondsPerGb = (meter.cpuNs() - cpu0Ns) / (double) one.bytes();
        gbit[0] = one.gbitPerSecond();
        long[] rttNs = TcpLoad.pingPong(target, options.quick() ? 200 : 2_000, options.quick() ? 2_000 : 20_000,
                options.quick() ? secondNs : 5 * secondNs);
        for (int i = 0; i < CONCURRENT_STREAMS.length; i++) {
            gbit[i + 1] = TcpLoad.throughput(target, CONCURRENT_STREAMS[i], options.seconds() * secondNs).gbitPerSecond();
        }
        Arrays.sort(rttNs);
        return new Row(path, "", gbit, percentileUs(rttNs, 0.50), percentileUs(rttNs, 0.99), cpuSecondsPerGb);
    }

    /** Nearest-rank percentile of sorted samples, in microseconds. */
    static double percentileUs(long[] sortedNs, double q) {
        if (sortedNs.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sortedNs.length);
        return sortedNs[Math.clamp(rank - 1, 0, sortedNs.length - 1)] / 1e3;
    }

    static int[] concurrentStreams() {
        return CONCURRENT_STREAMS.clone();
    }
}
