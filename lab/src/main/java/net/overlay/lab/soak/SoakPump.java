package net.overlay.lab.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's traffic: connects to a tunnel's local port, writes a {@link StreamPattern} at a steady
 * rate for a number of seconds while a second thread reads the echo back, checks every byte at its
 * offset and keeps a SHA-256 of each direction; then half-closes and reads to the end. Run inside the
 * client's site ({@code ip netns exec PREFIX-site-a java ... SoakPump 127.0.0.1 PORT SECONDS
 * RATE SEED}). Prints a progress line every few seconds and one {@code pump done} line that {@link
 * PumpResult#parse} reads; exits 0 when every byte came back intact, 1 otherwise.
 *
 * <p>Threads: the writer (main), one reader, both platform threads; counters are atomics.
 */
public final class SoakPump {
    private static final int CHUNK_BYTES = 16 * 1024;
    private static final long TICK_MS = 10;
    /**
     * Our choice: a tunnel that delivers nothing for this long has failed. Above the session's
     * 75 s path timeout (SessionTuning.pathTimeoutNs), so a fallback from a dead direct path to the
     * relay is seen as a stall, not as a failure.
     */
    private static final int DRAIN_TIMEOUT_MS = 120_000;

    private final StreamPattern pattern;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong mismatches = new AtomicLong(-1);
    private final long startNs = System.nanoTime();
    private volatile long maxStallNs;
    private volatile long maxStallEndNs;
    private volatile String readError;
    private final MessageDigest sentDigest = sha256();
    private final MessageDigest receivedDigest = sha256();

    private SoakPump(long seed) {
        this.pattern = new StreamPattern(seed);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: SoakPump HOST PORT SECONDS RATE_BYTES_PER_SECOND SEED [REPORT_EVERY_SECONDS]");
            System.exit(2);
        }
        int reportEverySeconds = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        SoakPump pump = new SoakPump(Long.parseLong(args[4]));
        boolean ok = pump.run(new InetSocketAddress(args[0], Integer.parseInt(args[1])), Long.parseLong(args[2]),
                Long.parseLong(args[3]), reportEverySeconds);
        System.exit(ok ? 0 : 1);
    }

    private boolean run(InetSocketAddress to, long seconds, long rateBytesPerSecond, int reportEverySeconds)
            throws IOException, InterruptedException {
        mismatches.set(0);
        try (Socket s = new Socket()) {
            s.connect(to, 30_000);
            s.setSoTimeout(DRAIN_TIMEOUT_MS);
            System.out.println("pump connected to " + to);
            Thread reader = Thread.ofPlatform().name("pump-reader").start(() -> readAll(s));
            String writeError = write(s.getOutputStream(), seconds, rateBytesPerSecond, reportEverySeconds);
            if (writeError == null) {
                s.shutdownOutput();
            }
            reader.join(DRAIN_TIMEOUT_MS + 5_000L);
            return report(writeError);
        }
    }

    private String write(OutputStream out, long seconds, long rateBytesPerSecond, int reportEverySeconds) {
        byte[] buf = new byte[CHUNK_BYTES];
        long endNs = startNs + seconds * 1_000_000_000L;
        long nextReportNs = startNs + reportEverySeconds * 1_000_000_000L;
        try {
            for (long now = System.nanoTime(); now < endNs; now = System.nanoTime()) {
                // Steady: the bytes due by now, with at most one second of catching up after a stall.
                long due = (long) ((now - startNs) / 1e9 * rateBytesPerSecond);
                long behind = Math.min(due - sent.get(), rateBytesPerSecond);
                while (behind > 0) {
                    int n = (int) Math.min(behind, CHUNK_BYTES);
                    pattern.fill(sent.get(), buf, n);
                    out.write(buf, 0, n);
                    sentDigest.update(buf, 0, n);
                    sent.addAndGet(n);
                    behind -= n;
                }
                if (now >= nextReportNs) {
                    System.out.printf("pump t=%ds sent=%d received=%d mismatches=%d%n",
                            (now - startNs) / 1_000_000_000L, sent.get(), received.get(), mismatches.get());
                    nextReportNs += reportEverySeconds * 1_000_000_000L;
                }
                Thread.sleep(TICK_MS);
            }
            out.flush();
            return null;
        } catch (IOException e) {
            return "write failed after " + sent.get() + " bytes: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void readAll(Socket s) {
        byte[] buf = new byte[CHUNK_BYTES];
        long lastNs = System.nanoTime();
        try (InputStream in = s.getInputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                long now = System.nanoTime();
                if (now - lastNs > maxStallNs && received.get() > 0) {
                    maxStallNs = now - lastNs;
                    maxStallEndNs = now;
                }
                lastNs = now;
                int bad = pattern.firstMismatch(received.get(), buf, n);
                if (bad >= 0) {
                    if (mismatches.getAndIncrement() == 0) {
                        System.out.println("pump: first wrong byte at offset " + (received.get() + bad));
                    }
                }
                receivedDigest.update(buf, 0, n);
                received.addAndGet(n);
            }
        } catch (SocketTimeoutException e) {
            readError = "nothing read for " + DRAIN_TIMEOUT_MS / 1000 + " s";
            // The silence that ended the run is the longest stall of all.
            maxStallNs = Math.max(maxStallNs, System.nanoTime() - lastNs);
            maxStallEndNs = System.nanoTime();
            closeQuietly(s);
        } catch (IOException e) {
            readError = "read failed: " + e;
            closeQuietly(s);
        }
        if (received.get() < sent.get() && readError == null) {
            readError = "the echo ended early";
        }
    }

    /** A failed read ends the run: closing the socket also frees a writer blocked on a full tunnel. */
    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing is all that is left to do; the read error is already recorded.
        }
    }

    private boolean report(String writeError) {
        String sentHex = HexFormat.of().formatHex(sentDigest.digest());
        String receivedHex = HexFormat.of().formatHex(receivedDigest.digest());
        // A failed read closes the socket, which then fails the writer too: the read names the cause.
        String error = readError != null ? readError : writeError;
        boolean ok = error == null && sent.get() == received.get() && mismatches.get() == 0 && sentHex.equals(receivedHex);
        System.out.printf("pump done seconds=%.1f sent=%d received=%d mismatches=%d max-stall-ms=%d stall-end-s=%.1f "
                        + "sha256-sent=%s sha256-received=%s error=%s result=%s%n",
                (System.nanoTime() - startNs) / 1e9, sent.get(), received.get(), mismatches.get(),
                maxStallNs / 1_000_000, (maxStallEndNs - startNs) / 1e9, sentHex, receivedHex,
                error == null ? "none" : error.replace(' ', '_'), ok ? "ok" : "FAILED");
        System.out.flush();
        return ok;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
