package net.overlay.lab.testbed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ip}, {@code nft}, {@code tc} through {@link ProcessBuilder}, capturing their output.
 * A failure becomes a {@link TestbedException} that shows the command and what the tool printed.
 * Stateless; callable from any thread.
 */
public final class Tools {
    /** Generous: these tools answer in milliseconds; a hang means something is badly wrong. */
    private static final long TIMEOUT_SECONDS = 30;

    /** Result of one run. */
    public record Result(int status, String out, String err) {
        public boolean ok() {
            return status == 0;
        }
    }

    private Tools() {
    }

    /** Runs {@code cmd}; throws when it fails unless {@link Cmd#mayFail()}. */
    public static Result run(Cmd cmd) {
        Result r = tryRun(cmd);
        if (!r.ok() && !cmd.mayFail()) {
            throw new TestbedException("'" + cmd + "' failed (status " + r.status() + "): " + r.err().strip());
        }
        return r;
    }

    /** Runs {@code cmd} and returns its result whatever the status; a missing tool is status 127. */
    public static Result tryRun(Cmd cmd) {
        return tryRun(cmd, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    /**
     * As {@link #tryRun(Cmd)} with a time limit of its own (curl, wrk, nmap run for longer). The
     * output goes through temporary files, so a tool that keeps its output open cannot outlast the
     * limit: at the limit it is killed and the result is status 124 with what it printed so far.
     */
    public static Result tryRun(Cmd cmd, Duration timeout) {
        Path out;
        Path err;
        try {
            out = Files.createTempFile("overlay-tool-", ".out");
            err = Files.createTempFile("overlay-tool-", ".err");
        } catch (IOException e) {
            return new Result(1, "", "cannot create a temporary file: " + e.getMessage());
        }
        try {
            Process p;
            try {
                p = new ProcessBuilder(cmd.argv()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                return new Result(127, "", "cannot run " + cmd.argv().getFirst() + ": " + e.getMessage()
                        + " (install iproute2 and nftables)");
            }
            try (OutputStream in = p.getOutputStream()) {
                in.write(cmd.stdin().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The tool exited before reading its input; its status and stderr say why.
            }
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    return new Result(124, read(out), read(err) + "timed out after " + timeout.toSeconds() + " s");
                }
                return new Result(p.exitValue(), read(out), read(err));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                return new Result(130, read(out), "interrupted");
            }
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A stray empty file in the temporary folder is harmless.
        }
    }
}
