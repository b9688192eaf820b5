package net.overlay.lab.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TCP ends of {@code ./overlay bench tunnel}: a loopback server and the clients that load it,
 * the same for every path (direct, socat, ssh, our tunnel), so the rows differ only in what sits
 * between them. Each connection starts with one mode byte: {@code 'S'} sink (read to EOF, answer
 * the byte count), {@code 'H'} the same plus the SHA-256 of the bytes, {@code 'E'} echo (write back
 * whatever arrives). A connection that closes before its mode byte (a forwarder's readiness probe)
 * is ignored.
 *
 * <p>Threading: the server accepts on one platform thread and serves each connection on its own;
 * the client methods block the caller and start their own threads for concurrent streams.
 */
final class TcpLoad implements AutoCloseable {
    static final byte SINK = 'S';
    static final byte SINK_DIGEST = 'H';
    static final byte ECHO = 'E';
    /** Our choice: bytes per write of a throughput client, as iperf3's default for TCP (128 KiB). */
    static final int WRITE_BYTES = 128 * 1024;
    /** Our choice: the size of one request and of its answer in the latency test. */
    static final int REQUEST_BYTES = 64;
    /** Our choice: a path that answers nothing for this long has failed. */
    static final int STALL_TIMEOUT_MS = 30_000;

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private TcpLoad(ServerSocket server) {
        this.server = server;
    }

    /** Starts the server on an ephemeral loopback port. */
    static TcpLoad start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress("127.0.0.1", 0), 256);
        TcpLoad load = new TcpLoad(s);
        Thread.ofPlatform().daemon().name("bench-accept").start(load::acceptLoop);
        return load;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Nothing left to do with a listening socket that fails to close.
        }
        open.forEach(TcpLoad::closeQuietly);
    }

    // --- server -----------------------------------------------------------------------------------

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread.ofPlatform().daemon().name("bench-serve").start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            int mode = in.read();
            switch (mode) {
                case SINK, SINK_DIGEST -> sink(in, new DataOutputStream(s.getOutputStream()), mode == SINK_DIGEST);
                case ECHO -> echo(in, s.getOutputStream());
                default -> { }
            }
        } catch (IOException e) {
            // The client went away; its side reports the failure.
        } finally {
            open.remove(s);
        }
    }

    private static void sink(InputStream in, DataOutputStream out, boolean digest) throws IOException {
        MessageDigest sha = digest ? sha256() : null;
        byte[] buf = new byte[WRITE_BYTES];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (sha != null) {
                sha.update(buf, 0, n);
            }
        }
        out.writeLong(total);
        if (sha != null) {
            out.write(sha.digest());
        }
        out.flush();
    }

    private static void echo(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[WRITE_BYTES];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
    }

    // --- clients ----------------------------------------------------------------------------------

    /** Aggregate throughput of concurrent streams, each writing for the same time, counted by the sink. */
    record Throughput(int streams, long bytes, long elapsedNs) {
        double gbitPerSecond() {
            return bytes * 8.0 / elapsedNs;
        }
    }

    /**
     * Opens {@code streams} connections to {@code target}, writes on each for {@code durationNs},
     * half-closes, and waits for every sink's count: the time runs until the last count arrives, so
     * bytes still in flight at the end are waited for, not guessed.
     */
    static Throughput throughput(InetSocketAddress target, int streams, long durationNs)
            throws IOException, InterruptedException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < streams; i++) {
                sockets.add(connect(target));
            }
            long[] counts = new long[streams];
            IOException[] failures = new IOException[streams];
            List<Thread> threads = new ArrayList<>();
            long startNs = System.nanoTime();
            long endNs = startNs + durationNs;
            for (int i = 0; i < streams; i++) {
                int k = i;
                threads.add(Thread.ofPlatform().daemon().name("bench-load-" + i).start(() -> {
                    try {
                        counts[k] = pushUntil(sockets.get(k), endNs);
                    } catch (IOException e) {
                        failures[k] = e;
                    }
                }));
            }
            long giveUpNs = endNs + STALL_TIMEOUT_MS * 1_000_000L;
            for (Thread t : threads) {
                t.join(Math.max(1, (giveUpNs - System.nanoTime()) / 1_000_000L));
                if (t.isAlive()) {
                    // A write blocked on a path that stopped moving: closing the sockets frees it.
                    sockets.forEach(TcpLoad::closeQuietly);
                    throw new IOException("the path stalled: no progress " + STALL_TIMEOUT_MS + " ms after the end");
                }
            }
            long elapsedNs = System.nanoTime() - startNs;
            for (IOException f : failures) {
                if (f != null) {
                    throw f;
                }
            }
            return new Throughput(streams, Arrays.stream(counts).sum(), elapsedNs);
        } finally {
            sockets.forEach(TcpLoad::closeQuietly);
        }
    }

    private static long pushUntil(Socket s, long endNs) throws IOException {
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[WRITE_BYTES];
        Arrays.fill(buf, (byte) 0x5a);
        out.write(SINK);
        long sent = 0;
        while (System.nanoTime() < endNs) {
            out.write(buf);
            sent += buf.length;
        }
        s.shutdownOutput();
        long counted = new DataInputStream(s.getInputStream()).readLong();
        if (counted != sent) {
            throw new IOException("the sink counted " + counted + " bytes of " + sent);
        }
        return counted;
    }

    /** What {@link #transfer} reports: what the sink counted and hashed. */
    record Transfer(long bytes, byte[] sha256) {}

    /** Sends {@code data} once on one connection and returns the sink's count and SHA-256. */
    static Transfer transfer(InetSocketAddress target, byte[] data) throws IOException {
        try (Socket s = connect(target)) {
            OutputStream out = s.getOutputStream();
            out.write(SINK_DIGEST);
            out.write(data);
            s.shutdownOutput();
            DataInputStream in = new DataInputStream(s.getInputStream());
            long bytes = in.readLong();
            byte[] sha = new byte[32];
            in.readFully(sha);
            return new Transfer(bytes, sha);
        }
    }

    /** Round-trip times of {@code REQUEST_BYTES} ping-pongs on one connection, after a warm-up. */
    static long[] pingPong(InetSocketAddress target, int warmup, int samples, long maxDurationNs) throws IOException {
        try (Socket s = connect(target)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(ECHO);
            byte[] request = new byte[REQUEST_BYTES];
            byte[] answer = new byte[REQUEST_BYTES];
            for (int i = 0; i < warmup; i++) {
                roundTrip(out, in, request, answer);
            }
            long[] rttNs = new long[samples];
            long endNs = System.nanoTime() + maxDurationNs;
            int n = 0;
            while (n < samples && System.nanoTime() < endNs) {
                long t0 = System.nanoTime();
                roundTrip(out, in, request, answer);
                rttNs[n++] = System.nanoTime() - t0;
            }
            return Arrays.copyOf(rttNs, n);
        }
    }

    private static void roundTrip(OutputStream out, InputStream in, byte[] request, byte[] answer) throws IOException {
        out.write(request);
        int got = 0;
        while (got < answer.length) {
            int n = in.read(answer, got, answer.length - got);
            if (n < 0) {
                throw new IOException("the echo closed after " + got + " bytes");
            }
            got += n;
        }
    }

    /** Whether something accepts TCP connections at {@code target} (a forwarder coming up). */
    static boolean accepts(InetSocketAddress target) {
        try (Socket s = new Socket()) {
            s.connect(target, 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket connect(InetSocketAddress target) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(STALL_TIMEOUT_MS);
            s.connect(target, STALL_TIMEOUT_MS);
            return s;
        } catch (SocketTimeoutException e) {
            closeQuietly(s);
            throw new IOException("no answer from " + target + " in " + STALL_TIMEOUT_MS + " ms", e);
        } catch (IOException e) {
            closeQuietly(s);
            throw e;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Nothing left to do.
        }
    }
}
