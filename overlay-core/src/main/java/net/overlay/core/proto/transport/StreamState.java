package net.overlay.core.proto.transport;

/**
 * One bidirectional stream: its sending and receiving halves, and the transport's bookkeeping
 * for it (whether it waits in the send or control queue, which events it already raised). The
 * event records are made once per stream, so raising one again allocates nothing.
 *
 * <p>Mutable, not thread-safe; owned by one transport.
 */
final class StreamState {
    final long id;
    final SendStream send;
    final RecvStream recv;
    final TransportEvent.StreamReadable readableEvent;
    final TransportEvent.StreamWritable writableEvent;

    boolean inSendQueue;
    boolean inControlQueue;
    boolean readableRaised;
    boolean writeBlocked;
    boolean stopSendingPending;
    long stopSendingCode;
    long blockedLimitToSend = -1;
    boolean closed;

    StreamState(long id, TransportConfig config) {
        this.id = id;
        // By symmetry (docs/transport.md): the peer's initial stream window is our own.
        this.send = new SendStream(id, config.streamSendBufferBytes(), config.streamWindowBytes());
        this.recv = new RecvStream(id, config.streamWindowBytes());
        this.readableEvent = new TransportEvent.StreamReadable(id);
        this.writableEvent = new TransportEvent.StreamWritable(id);
    }

    /** Both halves are over: the stream can be forgotten. */
    boolean isDone() {
        return send.isDone() && recv.isDone();
    }
}
