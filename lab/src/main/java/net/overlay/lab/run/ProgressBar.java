package net.overlay.lab.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import net.overlay.lab.scenario.RunContext;

/**
 * Progress on stderr with an estimate of the time left: a bar redrawn in place when stderr is a
 * terminal, otherwise one line every few seconds (logs and CI stay readable). Wall-clock time is
 * read here only, never in data files. Thread-safe: scenarios advance it from worker threads.
 */
public final class ProgressBar implements RunContext.Progress {
    private static final long REDRAW_NS = 100_000_000L;
    private static final long LINE_EVERY_NS = 5_000_000_000L;
    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier clockNs;
    private final long startNs;
    private long done;
    private long lastPrintNs;

    /**
     * @param terminal whether {@code err} is a terminal (redraw in place) or a log (periodic lines)
     * @param clockNs the wall clock, {@code System::nanoTime} outside tests
     */
    public ProgressBar(String label, long total, PrintStream err, boolean terminal, LongSupplier clockNs) {
        this.label = label;
        this.total = Math.max(1, total);
        this.err = err;
        this.terminal = terminal;
        this.clockNs = clockNs;
        this.startNs = clockNs.getAsLong();
        this.lastPrintNs = startNs;
    }

    /**
     * Whether stderr is a terminal. Java has no call for stderr alone ({@code Console.isTerminal}
     * looks at stdin and stdout), so on Linux this reads where file descriptor 2 points.
     */
    public static boolean stderrIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Fall through to the console's answer.
        }
        var console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public synchronized void advance(long units) {
        done = Math.min(total, done + units);
        long now = clockNs.getAsLong();
        if (terminal && (now - lastPrintNs >= REDRAW_NS || done == total)) {
            err.print("\r" + line(now));
            err.flush();
            lastPrintNs = now;
        } else if (!terminal && now - lastPrintNs >= LINE_EVERY_NS) {
            err.println(line(now));
            lastPrintNs = now;
        }
    }

    /** Ends the bar's line (terminal) or prints the final line (log). */
    public synchronized void finish() {
        long now = clockNs.getAsLong();
        if (terminal) {
            err.println("\r" + line(now));
        } else {
            err.println(line(now));
        }
    }

    synchronized String line(long nowNs) {
        double elapsedS = (nowNs - startNs) / 1e9;
        int filled = (int) (WIDTH * done / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String eta;
        if (done == total) {
            eta = String.format(Locale.ROOT, "done in %.1f s", elapsedS);
        } else if (done == 0) {
            eta = "time left: estimating";
        } else {
            eta = "time left ~" + duration(elapsedS * (total - done) / done);
        }
        return String.format(Locale.ROOT, "%s [%s] %3d%% %d/%d, %s", label, bar, 100 * done / total, done, total, eta);
    }

    private static String duration(double s) {
        return s < 90 ? String.format(Locale.ROOT, "%.0f s", Math.ceil(s))
                : String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }
}
