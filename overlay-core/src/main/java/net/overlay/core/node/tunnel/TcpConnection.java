package net.overlay.core.node.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * One TCP connection of a tunnel, served by two platform daemon threads: a reader that hands each
 * chunk it reads to the tunnel's actor, and a writer that writes the chunks the actor queues (a
 * platform thread blocks in one {@code read}; a virtual one would go through the JDK's poller).
 *
 * <p>Backpressure: the reader reads a chunk only with a credit; it starts with {@link
 * #READ_AHEAD_CHUNKS} and gets one back ({@link #release()}) when the actor has moved a chunk
 * into the stream. So when the stream's send buffer is full the chunks pile up to at most that
 * many and the reader stops reading; TCP's own window then slows the sender. The other way, the
 * actor counts the bytes it queued here and {@link Listener#written} tells it how many the
 * socket took.
 *
 * <p>Threading: {@link Listener} methods are called on this connection's threads; the rest of
 * the methods may be called from any thread (the tunnel calls them on its actor).
 */
final class TcpConnection {
    /** Our choice: bytes per read, and per message to the actor. */
    static final int CHUNK_BYTES = 64 * 1024;
    /** Our choice: chunks read ahead of what the stream accepted. */
    static final int READ_AHEAD_CHUNKS = 4;

    private static final byte[] FIN = new byte[0];
    private static final byte[] CLOSE = new byte[0];

    /** What the connection reports, from its own threads. */
    interface Listener {
        void data(TcpConnection c, byte[] chunk);

        void eof(TcpConnection c);

        void written(TcpConnection c, int lenBytes);

        void failed(TcpConnection c, String reason);
    }

    private final Socket socket;
    private final Listener listener;
    private final Semaphore credits = new Semaphore(READ_AHEAD_CHUNKS);
    private final LinkedBlockingQueue<byte[]> outbound = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    private TcpConnection(Socket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    /** Starts serving an accepted or connected socket. */
    static TcpConnection start(Socket socket, Listener listener) {
        TcpConnection c = new TcpConnection(socket, listener);
        Thread.ofPlatform().daemon().name("tcp-read-" + socket.getPort()).start(c::readLoop);
        Thread.ofPlatform().daemon().name("tcp-write-" + socket.getPort()).start(c::writeLoop);
        return c;
    }

    /** Connects to {@code target} on a virtual thread; {@code done} gets the socket or null. */
    static void connect(InetSocketAddress target, int timeoutMs, java.util.function.Consumer<Socket> done) {
        Thread.ofVirtual().name("tcp-connect-" + target).start(() -> {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(target, timeoutMs);
            } catch (IOException e) {
                closeQuietly(s);
                s = null;
            }
            done.accept(s);
        });
    }

    /** Queues bytes for the socket; the array is owned by the connection from now on. */
    void send(byte[] chunk) {
        if (chunk.length > 0) {
            outbound.add(chunk);
        }
    }

    /** Half-closes our sending side after the queued bytes (TCP FIN). */
    void sendFin() {
        outbound.add(FIN);
    }

    /** Gives the reader one more chunk of credit. */
    void release() {
        credits.release();
    }

    /** Closes the socket once the queued bytes (and FIN) are written. */
    void closeAfterWrites() {
        outbound.add(CLOSE);
    }

    /** Closes {@code socket} with a TCP reset (zero linger), for a connection refused or failed. */
    static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed: nothing more to tell the peer.
        }
        closeQuietly(socket);
    }

    /**
     * Closes at once, dropping what is queued (the stream was reset). With a zero linger the close
     * sends a reset (RFC 9293 3.6, ABORT), not a FIN: the application must see that its stream
     * failed, never take the bytes it got so far for the whole stream.
     */
    void abort() {
        closed = true;
        reset(socket);
        outbound.add(CLOSE);
        credits.release(READ_AHEAD_CHUNKS + 1);
    }

    boolean isClosed() {
        return closed;
    }

    private void readLoop() {
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[CHUNK_BYTES];
            while (!closed) {
                credits.acquire();
                int n = in.read(buf);
                if (n < 0) {
                    listener.eof(this);
                    return;
                }
                listener.data(this, Arrays.copyOf(buf, n));
            }
        } catch (IOException e) {
            if (!closed) {
                listener.failed(this, "read: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        try {
            OutputStream out = socket.getOutputStream();
            int unreported = 0;
            while (true) {
                byte[] chunk = outbound.poll();
                if (chunk == null) {
                    // Caught up: report what was written before waiting, so the actor reads more.
                    if (unreported > 0) {
                        listener.written(this, unreported);
                        unreported = 0;
                    }
                    chunk = outbound.take();
                }
                if (chunk == CLOSE) {
                    closed = true;
                    closeQuietly(socket);
                    return;
                } else if (chunk == FIN) {
                    out.flush();
                    socket.shutdownOutput();
                } else {
                    out.write(chunk);
                    unreported += chunk.length;
                    if (unreported >= CHUNK_BYTES) {
                        listener.written(this, unreported);
                        unreported = 0;
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                listener.failed(this, "write: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Nothing left to do with a socket that fails to close.
        }
    }
}
