package net.overlay.core.node.tunnel;

import java.util.ArrayDeque;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SubscriptionWithCancelException;
import org.apache.pekko.stream.stage.AbstractGraphStageWithMaterializedValue;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * The stream stage joined to one pekko-stream {@code Tcp} connection flow: its inlet takes the
 * bytes TCP read, its outlet gives the bytes TCP must write; it materialises the {@link
 * TcpConnection} the tunnel's actor drives. It carries bytes and acknowledgements only; every
 * decision about the tunnel's stream is the actor's.
 *
 * <p>TCP to actor: the stage pulls from TCP only while it holds read credit, in bytes; it starts
 * with none and the actor grants {@link TcpConnection#READ_AHEAD_BYTES} once the connection has
 * a stream, then returns each chunk's length when the stream took it all. So at most the credit
 * plus one read (pekko reads up to {@code pekko.io.tcp.direct-buffer-size}, 128 KiB by default)
 * wait on the actor; beyond that TCP is not read and its window stops the application.
 *
 * <p>Actor to TCP: when the TCP stage pulls, everything the actor queued goes out as one element
 * (a rope of its chunks, no copy), so a busy connection pays one write round trip per batch, not
 * per chunk. The TCP stage pulls again once it has handed the element to its connection actor
 * (it then holds at most that write in flight and one more element), so a pull reports the
 * previous element's bytes as written, and the actor stops reading from the stream while too
 * many are unreported ({@link StreamPipe#MAX_UNWRITTEN_BYTES}).
 *
 * <p>After a FIN the outlet completes once the queue is empty: with {@code halfClose} the TCP stage
 * then shuts down its output and keeps reading. An abort fails the stage: the TCP stage answers
 * an upstream failure with {@code Abort}, a TCP reset (RFC 9293 3.6, ABORT).
 *
 * <p>Threading: the logic runs on the stream's actor; {@link TcpConnection}'s commands reach it
 * through one {@link AsyncCallback}, and it reports through {@link TcpConnection.Listener} on the
 * stream's thread.
 */
final class TcpBridge
        extends AbstractGraphStageWithMaterializedValue<FlowShape<ByteString, ByteString>, TcpConnection> {
    /** What the actor asks of the stage. */
    sealed interface Command {
        record Send(ByteString bytes) implements Command { }

        record Credit(int lenBytes) implements Command { }

        record Fin() implements Command { }

        record Abort() implements Command { }
    }

    /** The failure that aborts the TCP connection; no stack trace, it is not a bug. */
    static final class Aborted extends RuntimeException {
        Aborted() {
            super("the tunnel's stream ended abnormally", null, false, false);
        }
    }

    private final Inlet<ByteString> fromTcp = Inlet.create("TcpBridge.fromTcp");
    private final Outlet<ByteString> toTcp = Outlet.create("TcpBridge.toTcp");
    private final FlowShape<ByteString, ByteString> shape = FlowShape.of(fromTcp, toTcp);
    private final TcpConnection.Listener listener;

    TcpBridge(TcpConnection.Listener listener) {
        this.listener = listener;
    }

    @Override
    public FlowShape<ByteString, ByteString> shape() {
        return shape;
    }

    @Override
    public Pair<GraphStageLogic, TcpConnection> createLogicAndMaterializedValuePair(Attributes attributes) {
        Logic logic = new Logic();
        TcpConnection connection = new TcpConnection(logic.commands);
        logic.connection = connection;
        return Pair.create(logic, connection);
    }

    private final class Logic extends GraphStageLogic {
        final AsyncCallback<Command> commands = createAsyncCallback(this::onCommand);
        TcpConnection connection;
        private final ArrayDeque<ByteString> queued = new ArrayDeque<>();
        private long creditBytes;
        /** Bytes of the element the TCP stage is writing: written once it pulls again. */
        private int inFlightBytes;
        private boolean finPending;
        /** Set once the actor heard of an end (EOF aside): nothing more is reported. */
        private boolean ended;

        Logic() {
            super(shape);
            setHandler(fromTcp, new AbstractInHandler() {
                @Override
                public void onPush() {
                    ByteString chunk = grab(fromTcp);
                    creditBytes -= chunk.size();
                    listener.data(connection, chunk.toArrayUnsafe());
                    pullIfCredit();
                }

                @Override
                public void onUpstreamFinish() {
                    // TCP EOF (the peer's FIN): our outlet may still have bytes to write.
                    listener.eof(connection);
                }

                @Override
                public void onUpstreamFailure(Throwable ex) {
                    fail("TCP: " + ex.getMessage());
                }
            });
            setHandler(toTcp, new AbstractOutHandler() {
                @Override
                public void onPull() {
                    if (inFlightBytes > 0) {
                        // The socket took the last element: the actor may read more from the stream.
                        listener.written(connection, inFlightBytes);
                        inFlightBytes = 0;
                    }
                    pushQueued();
                }

                @Override
                public void onDownstreamFinish(Throwable cause) {
                    // The TCP stage stopped taking bytes: it failed, or closed before our FIN went out.
                    if (!(cause instanceof SubscriptionWithCancelException.NonFailureCancellation) || !finPending) {
                        fail("TCP write side closed: " + cause.getMessage());
                    } else {
                        completeStage();
                    }
                }
            });
        }

        private void onCommand(Command c) {
            switch (c) {
                case Command.Send s -> {
                    queued.add(s.bytes());
                    if (isAvailable(toTcp)) {
                        pushQueued();
                    }
                }
                case Command.Credit credit -> {
                    creditBytes += credit.lenBytes();
                    pullIfCredit();
                }
                case Command.Fin f -> {
                    finPending = true;
                    if (queued.isEmpty() && !isClosed(toTcp)) {
                        complete(toTcp);
                    }
                }
                case Command.Abort a -> {
                    ended = true;
                    failStage(new Aborted());
                }
            }
        }

        private void pullIfCredit() {
            if (creditBytes > 0 && !isClosed(fromTcp) && !hasBeenPulled(fromTcp)) {
                pull(fromTcp);
            }
        }

        private void pushQueued() {
            ByteString next = queued.poll();
            if (next != null) {
                for (ByteString more = queued.poll(); more != null; more = queued.poll()) {
                    next = next.concat(more);
                }
                push(toTcp, next);
                inFlightBytes = next.size();
            }
            if (finPending && !isClosed(toTcp)) {
                complete(toTcp);
            }
        }

        private void fail(String reason) {
            if (!ended) {
                ended = true;
                listener.failed(connection, reason);
            }
            failStage(new Aborted());
        }
    }
}
