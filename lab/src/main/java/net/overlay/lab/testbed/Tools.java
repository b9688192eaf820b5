package net.overlay.lab.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
        Process p;
        try {
            p = new ProcessBuilder(cmd.argv()).start();
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
            // Outputs are small (a few kB at most), so reading them one after the other cannot deadlock
            // on a full pipe in practice; stderr is read after stdout closes.
            String out = readAll(p.getInputStream());
            String err = readAll(p.getErrorStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(124, out, "timed out after " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out, err);
        } catch (IOException e) {
            return new Result(1, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(130, "", "interrupted");
        }
    }

    private static String readAll(InputStream s) throws IOException {
        return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    }
}
