package net.overlay.core.node.tunnel;

import java.util.ArrayDeque;
import net.overlay.core.proto.transport.Transport;

/**
 * The actor's side of one tunnelled TCP connection: moves bytes between a {@link TcpConnection}
 * and one stream of a session's {@link Transport}, both ways, with the half-closes.
 *
 * <p>TCP to stream: chunks the connection read wait here until the stream's send buffer takes them;
 * each chunk fully taken returns its length as read credit ({@link TcpConnection#READ_AHEAD_BYTES}
 * at the start). After the TCP EOF and the last chunk, the stream
 * gets its FIN. Stream to TCP: bytes are read from the stream only while fewer than {@link
 * #MAX_UNWRITTEN_BYTES} wait for the socket; the stream's FIN becomes the TCP FIN.
 *
 * <p>Threading: the driver's actor only; not thread-safe.
 */
final class StreamPipe {
    /** Our choice: bytes read from the stream and not yet taken by the socket. */
    static final int MAX_UNWRITTEN_BYTES = 256 * 1024;
    /** Our choice: bytes per read from the stream, hence per chunk queued for TCP. */
    static final int CHUNK_BYTES = 64 * 1024;
    /** RFC 9000 20.2 leaves application error codes to us: 1 means "the TCP side failed". */
    static final long TCP_FAILED = 1;

    final TunnelHost.Link link;
    final long streamId;
    private final TunnelCounters counters;
    private final ArrayDeque<byte[]> toStream = new ArrayDeque<>();
    private int headOffset;
    private long queuedBytes;
    private TcpConnection tcp;
    private boolean tcpEof;
    private boolean finSent;
    private boolean finRead;
    private boolean closed;
    private long unwrittenBytes;

    StreamPipe(TunnelHost.Link link, long streamId, TunnelCounters counters) {
        this.link = link;
        this.streamId = streamId;
        this.counters = counters;
    }

    /** Gives the pipe its TCP side, lets it read, and carries over an EOF that came first. */
    void attach(TcpConnection connection) {
        this.tcp = connection;
        connection.pipe = this;
        connection.credit(TcpConnection.READ_AHEAD_BYTES);
        if (connection.eofBeforeStream) {
            onTcpEof();
        }
    }

    TcpConnection tcp() {
        return tcp;
    }

    boolean isClosed() {
        return closed;
    }

    /** A chunk read from TCP. */
    void onTcpData(byte[] chunk) {
        if (closed) {
            return;
        }
        toStream.add(chunk);
        queuedBytes += chunk.length;
        counters.queued(queuedBytes);
        pushToStream();
    }

    /** The TCP peer half-closed. */
    void onTcpEof() {
        tcpEof = true;
        pushToStream();
    }

    /** The socket took {@code lenBytes} more. */
    void onTcpWritten(int lenBytes, byte[] scratch) {
        unwrittenBytes -= lenBytes;
        pullFromStream(scratch);
    }

    /** Moves queued TCP bytes into the stream while its send buffer has room, then the FIN. */
    void pushToStream() {
        if (closed) {
            return;
        }
        try {
            moveToStream(link.transport());
        } catch (IllegalStateException e) {
            // Our sending half was reset in this same batch of events (the peer's STOP_SENDING).
            abortFromStream();
        }
    }

    private void moveToStream(Transport t) {
        while (!toStream.isEmpty()) {
            byte[] head = toStream.peek();
            int accepted = t.write(streamId, head, headOffset, head.length - headOffset);
            headOffset += accepted;
            if (headOffset < head.length) {
                counters.sendBufferFull++;
                return;
            }
            toStream.poll();
            headOffset = 0;
            queuedBytes -= head.length;
            tcp.credit(head.length);
        }
        if (tcpEof && !finSent) {
            t.finish(streamId);
            finSent = true;
            closeIfDone();
        }
    }

    /** Moves stream bytes to the socket while not too many wait for it; the stream's FIN to TCP. */
    void pullFromStream(byte[] scratch) {
        if (closed || tcp == null || finRead) {
            return;
        }
        Transport t = link.transport();
        while (unwrittenBytes < MAX_UNWRITTEN_BYTES) {
            int n = t.read(streamId, scratch, 0, scratch.length);
            if (n == 0) {
                return;
            }
            if (n < 0) {
                finRead = true;
                tcp.sendFin();
                closeIfDone();
                return;
            }
            unwrittenBytes += n;
            counters.unwritten(unwrittenBytes);
            tcp.send(java.util.Arrays.copyOf(scratch, n));
        }
    }

    /** The TCP side failed: abandon both directions of the stream. */
    void abortFromTcp() {
        if (closed) {
            return;
        }
        closed = true;
        Transport t = link.transport();
        if (!t.isClosed()) {
            // Either half may already be finished or forgotten; what is left is reset.
            tryQuietly(() -> t.reset(streamId, TCP_FAILED));
            tryQuietly(() -> t.stopSending(streamId, TCP_FAILED));
        }
        if (tcp != null) {
            tcp.abort();
        }
    }

    /**
     * The stream was reset by the peer, or the session ended: drop the TCP connection, and reset
     * our half too so the transport can forget the stream (and the peer gets its stream back).
     */
    void abortFromStream() {
        if (closed) {
            return;
        }
        closed = true;
        Transport t = link.transport();
        if (!t.isClosed() && !finSent) {
            tryQuietly(() -> t.reset(streamId, TCP_FAILED));
        }
        if (tcp != null) {
            tcp.abort();
        }
    }

    /** Both FINs crossed: the bridge ends the TCP connection once its last bytes are written. */
    private void closeIfDone() {
        if (finSent && finRead) {
            closed = true;
        }
    }

    private static void tryQuietly(Runnable r) {
        try {
            r.run();
        } catch (IllegalStateException e) {
            // That half of the stream was already done.
        }
    }
}
