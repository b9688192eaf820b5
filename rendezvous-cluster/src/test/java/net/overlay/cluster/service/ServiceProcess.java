package net.overlay.cluster.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@link ServiceNodeMain} in a child JVM started from this test's class path, so that a test
 * can kill it with SIGKILL ({@link Process#destroyForcibly()} on Linux): no leave, no goodbye, no
 * flush. Its standard error goes to a log file beside its config, for a failing test to show.
 */
final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> ready;
    private volatile String readyLine;

    private ServiceProcess(Process process, Path log, CompletableFuture<String> ready) {
        this.process = process;
        this.log = log;
        this.ready = ready;
    }

    /** Launches the child; {@link #awaitReady} waits for its READY line. */
    static ServiceProcess launch(Path config) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = config.resolveSibling(config.getFileName() + ".log");
        List<String> cmd = List.of(java, "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+UseCompactObjectHeaders", "-cp", System.getProperty("java.class.path"),
                ServiceNodeMain.class.getName(), config.toString());
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().name("service-stdout").start(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        ready.complete(line);
                    }
                }
            } catch (IOException e) {
                // the child died; the wait below reports it
            }
            ready.complete(null);
        });
        return new ServiceProcess(p, log, ready);
    }

    /** Waits for the READY line; on failure kills the child and throws with its log. */
    ServiceProcess awaitReady(long timeoutS) throws IOException, InterruptedException {
        String line;
        try {
            line = ready.get(timeoutS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            line = null;
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("service node did not start within " + timeoutS + " s; its log:\n" + logText());
        }
        readyLine = line;
        return this;
    }

    private String[] parts() {
        return readyLine.split(" ");
    }

    /** The admin HTTP endpoint's base URI. */
    URI adminUri() {
        return URI.create("http://127.0.0.1:" + parts()[2]);
    }

    /** The node's first UDP address (where devices and clients reach it). */
    InetSocketAddress udp() {
        String a = parts()[3];
        int colon = a.lastIndexOf(':');
        return new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1)));
    }

    long pid() {
        return process.pid();
    }

    String logText() {
        try {
            return Files.isRegularFile(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
