package net.overlay.core.node.tunnel;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.io.TcpSO;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.util.ByteString;

/**
 * One tunnelled TCP connection as the tunnel's actor sees it: a handle on a materialised
 * pekko-stream {@code Tcp} connection joined to a {@link TcpBridge}. The actor queues bytes,
 * grants read credit, half-closes and aborts through it; the bridge reports reads, EOF, written
 * bytes and failures through a {@link Listener}.
 *
 * <p>Backpressure: TCP is read only while the actor's credit lasts ({@link #READ_AHEAD_BYTES},
 * returned chunk by chunk as the stream takes them), so a full stream send buffer stops the reads
 * and TCP's window slows the application. The other way, the actor counts the bytes it queued and
 * {@link Listener#written} says how many the TCP stage took.
 *
 * <p>Threading: the commands may be called from any thread (the tunnel calls them on its actor);
 * {@link Listener} methods are called on the connection's stream actor. The {@link #pipe} and
 * {@link #eofBeforeStream} fields belong to the tunnel's actor.
 */
final class TcpConnection {
    /**
     * Our choice: bytes read from TCP ahead of what the stream accepted, the old 4 chunks of
     * 64 KiB. One read of pekko's TCP (up to 128 KiB) may go beyond it.
     */
    static final int READ_AHEAD_BYTES = 256 * 1024;

    /** What the connection reports, on its stream's thread. */
    interface Listener {
        void data(TcpConnection c, byte[] chunk);

        void eof(TcpConnection c);

        void written(TcpConnection c, int lenBytes);

        void failed(TcpConnection c, String reason);
    }

    private final AsyncCallback<TcpBridge.Command> commands;
    /** The tunnel's side of this connection once it has a stream; actor only. */
    StreamPipe pipe;
    /** The TCP peer half-closed before the connection had a stream; actor only. */
    boolean eofBeforeStream;

    TcpConnection(AsyncCallback<TcpBridge.Command> commands) {
        this.commands = commands;
    }

    /** The flow whose materialisation is a connection reporting to {@code listener}. */
    static Flow<ByteString, ByteString, TcpConnection> bridge(Listener listener) {
        return Flow.fromGraph(new TcpBridge(listener));
    }

    /** Materialises an accepted connection with a bridge reporting to {@code listener}. */
    static TcpConnection accept(Tcp.IncomingConnection incoming, Materializer materializer, Listener listener) {
        return incoming.flow()
                .joinMat(bridge(listener), Keep.right())
                .run(materializer);
    }

    /**
     * Connects to {@code target} with half-close: the connection reports to {@code listener},
     * which hears {@link Listener#failed} if the connection is refused or times out.
     */
    static TcpConnection connect(ClassicActorSystemProvider system, Materializer materializer, InetSocketAddress target,
            Duration connectTimeout, Listener listener) {
        return Tcp.get(system)
                .outgoingConnection(target, Optional.empty(), List.of(TcpSO.tcpNoDelay(true)), true,
                        Optional.of(connectTimeout), Optional.empty())
                .joinMat(bridge(listener), Keep.right())
                .run(materializer);
    }

    /** Queues bytes for TCP; the array is owned by the connection from now on. */
    void send(byte[] chunk) {
        if (chunk.length > 0) {
            commands.invoke(new TcpBridge.Command.Send(ByteString.fromArrayUnsafe(chunk)));
        }
    }

    /** Half-closes our sending side after the queued bytes (TCP FIN). */
    void sendFin() {
        commands.invoke(new TcpBridge.Command.Fin());
    }

    /** Gives the reader {@code lenBytes} more credit. */
    void credit(int lenBytes) {
        commands.invoke(new TcpBridge.Command.Credit(lenBytes));
    }

    /**
     * Aborts at once, dropping what is queued: the TCP peer gets a reset (RFC 9293 3.6, ABORT), not
     * a FIN, so the application sees that its stream failed and never takes the bytes it got so
     * far for the whole stream.
     */
    void abort() {
        commands.invoke(new TcpBridge.Command.Abort());
    }
}
