package net.overlay.core.proto.transport;

import static net.overlay.core.proto.transport.TransportConstants.MAX_CONTROL_FRAME_BYTES;
import static net.overlay.core.proto.transport.TransportConstants.STREAM_ID_SERVER_BIT;

import java.util.ArrayDeque;
import net.overlay.core.proto.transport.TransportException.Code;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.Varint;
import net.overlay.core.proto.wire.WireConstants;

/**
 * Every stream of one transport and the rules between them: stream ids and limits (RFC 9000 2.1,
 * 4.6), connection-level flow control on both sides (4.1), the round-robin send queue, the queue
 * of streams owing a control frame (RESET_STREAM, STOP_SENDING, MAX_STREAM_DATA,
 * STREAM_DATA_BLOCKED), and the fate of stream frames once their packet is acknowledged or lost.
 * {@link Transport} owns one and forwards the application's stream calls to it.
 *
 * <p>Mutable, not thread-safe; owned by one transport.
 */
final class Streams {
    /** Smallest room worth starting a STREAM frame in. */
    private static final int MIN_STREAM_FRAME_BYTES = 24;

    private final TransportConfig config;
    private final boolean isClient;
    private final ArrayDeque<TransportEvent> events;
    private final StreamMap streams = new StreamMap();
    private final ArrayDeque<StreamState> sendQueue = new ArrayDeque<>();
    private final ArrayDeque<StreamState> controlQueue = new ArrayDeque<>();
    private StreamState[] scratch = new StreamState[16];

    private long nextLocalIndex;
    private long peerMaxStreams;
    private long nextPeerIndex;
    private long localMaxStreams;
    private boolean maxStreamsPending;

    private final ConnectionFlowControl connection;

    Streams(TransportConfig config, boolean isClient, ArrayDeque<TransportEvent> events) {
        this.config = config;
        this.isClient = isClient;
        this.events = events;
        // Version 1 has no transport parameters: each end takes the peer's limits to be its own.
        this.peerMaxStreams = config.maxStreams();
        this.localMaxStreams = config.maxStreams();
        this.connection = new ConnectionFlowControl(config.connectionWindowBytes());
    }

    // --- Application calls -------------------------------------------------------------------

    /** Opens a stream of ours, or returns -1 when the peer's stream limit is reached. */
    long open() {
        if (nextLocalIndex >= peerMaxStreams) {
            return -1;
        }
        long id = idOf(nextLocalIndex++, isClient);
        streams.put(new StreamState(id, config));
        return id;
    }

    int write(long id, byte[] src, int off, int len) {
        StreamState s = require(id);
        int n = s.send.write(src, off, len);
        if (n < len) {
            s.writeBlocked = true;
        }
        schedule(s);
        return n;
    }

    void finish(long id) {
        StreamState s = require(id);
        s.send.finish();
        schedule(s);
    }

    void reset(long id, long errorCode) {
        StreamState s = require(id);
        if (s.send.reset(errorCode)) {
            enqueueControl(s);
        }
    }

    void stopSending(long id, long errorCode) {
        StreamState s = require(id);
        if (!s.recv.isDone()) {
            s.stopSendingPending = true;
            s.stopSendingCode = errorCode;
            enqueueControl(s);
        }
    }

    /** Bytes read, 0 when nothing is there yet, -1 at the end (or for a stream already closed). */
    int read(long id, byte[] dst, int off, int len) {
        StreamState s = streams.get(id);
        if (s == null) {
            return -1;
        }
        long limitBefore = s.recv.maxStreamData();
        int n = s.recv.read(dst, off, len);
        if (n > 0) {
            connection.onConsumed(n);
            if (s.recv.maxStreamData() != limitBefore) {
                enqueueControl(s);
            }
        }
        if (s.recv.readableBytes() == 0) {
            s.readableRaised = false;
        }
        if (n < 0) {
            maybeClose(s);
        }
        return n;
    }

    long readableBytes(long id) {
        StreamState s = streams.get(id);
        return s == null ? 0 : s.recv.readableBytes();
    }

    long sendBufferedBytes(long id) {
        StreamState s = streams.get(id);
        return s == null ? 0 : s.send.bufferedBytes();
    }

    /** Bytes received and not yet read on stream {@code id}. */
    long receiveBufferedBytes(long id) {
        StreamState s = streams.get(id);
        return s == null ? 0 : s.recv.bufferedBytes();
    }

    int openCount() {
        return streams.size();
    }

    private StreamState require(long id) {
        StreamState s = streams.get(id);
        if (s == null) {
            throw new IllegalStateException("no open stream " + id);
        }
        return s;
    }

    // --- Frames from the peer ----------------------------------------------------------------

    /**
     * The stream a frame names, opening peer streams up to it (RFC 9000 3.2), or null when it was
     * closed already (a late retransmission).
     */
    private StreamState streamFor(long id) throws TransportException {
        long index = id >>> 1;
        if (isLocal(id)) {
            if (index >= nextLocalIndex) {
                throw new TransportException(Code.STREAM_STATE_ERROR, "frame for our stream " + id + ", never opened");
            }
            return streams.get(id);
        }
        if (index >= localMaxStreams) {
            throw new TransportException(Code.STREAM_LIMIT_ERROR,
                    "peer stream " + id + " beyond the limit of " + localMaxStreams + " streams");
        }
        while (nextPeerIndex <= index) {
            long opened = idOf(nextPeerIndex++, !isClient);
            streams.put(new StreamState(opened, config));
            events.add(new TransportEvent.StreamOpened(opened));
        }
        return streams.get(id);
    }

    void onStreamData(long id, long offset, byte[] buf, int off, int len, boolean fin) throws TransportException {
        StreamState s = streamFor(id);
        if (s == null) {
            return;
        }
        connection.onReceived(s.recv.onData(offset, buf, off, len, fin));
        if (!s.readableRaised && s.recv.isReadable()) {
            s.readableRaised = true;
            events.add(s.readableEvent);
        }
        if (s.recv.takeAllArrived()) {
            events.add(new TransportEvent.StreamFinished(id));
        }
    }

    void onResetStream(Frame.ResetStream f) throws TransportException {
        StreamState s = streamFor(f.streamId());
        if (s == null) {
            return;
        }
        boolean first = !s.recv.isResetReceived();
        connection.onReceived(s.recv.onReset(f.finalSize()));
        if (first) {
            // RFC 9000 4.5: bytes up to the final size count as consumed once the stream is reset.
            connection.onConsumed(s.recv.unreadCreditBytes());
            events.add(new TransportEvent.StreamReset(f.streamId(), f.errorCode()));
            maybeClose(s);
        }
    }

    void onStopSending(Frame.StopSending f) throws TransportException {
        StreamState s = streamFor(f.streamId());
        if (s == null) {
            return;
        }
        events.add(new TransportEvent.StopSendingReceived(f.streamId(), f.errorCode()));
        // RFC 9000 3.5: answer STOP_SENDING with RESET_STREAM, carrying its error code.
        if (s.send.reset(f.errorCode())) {
            enqueueControl(s);
        }
    }

    void onMaxData(long maximum) {
        if (!connection.onMaxData(maximum)) {
            return;
        }
        scratch = streams.snapshot(scratch);
        for (int i = 0; i < scratch.length && scratch[i] != null; i++) {
            schedule(scratch[i]);
        }
    }

    void onMaxStreamData(long id, long maximum) throws TransportException {
        StreamState s = streamFor(id);
        if (s != null && s.send.onMaxStreamData(maximum)) {
            schedule(s);
        }
    }

    void onStreamDataBlocked(long id) throws TransportException {
        streamFor(id);
    }

    void onMaxStreams(long maximum) {
        long capped = Math.min(maximum, 1L << 60);
        if (capped > peerMaxStreams) {
            boolean wasBlocked = nextLocalIndex >= peerMaxStreams;
            peerMaxStreams = capped;
            if (wasBlocked) {
                events.add(new TransportEvent.StreamsAvailable());
            }
        }
    }

    // --- Frames to the peer ------------------------------------------------------------------

    boolean hasPendingControl() {
        return connection.hasPendingFrames() || maxStreamsPending || !controlQueue.isEmpty();
    }

    boolean hasPendingStreamData() {
        return !sendQueue.isEmpty();
    }

    /** Writes due flow-control and stream-control frames; returns the position after them. */
    int writeControlFrames(byte[] dst, int pos, int limit, SentPacketLog log) {
        int p = pos;
        long maxData = limit - p >= MAX_CONTROL_FRAME_BYTES ? connection.takeMaxData() : -1;
        if (maxData >= 0) {
            p = frame(WireConstants.FRAME_MAX_DATA, dst, p, maxData);
            log.logFrame(SentPacketLog.FRAME_MAX_DATA, 0, 0, 0);
        }
        if (maxStreamsPending && limit - p >= MAX_CONTROL_FRAME_BYTES) {
            p = frame(WireConstants.FRAME_MAX_STREAMS, dst, p, localMaxStreams);
            log.logFrame(SentPacketLog.FRAME_MAX_STREAMS, 0, 0, 0);
            maxStreamsPending = false;
        }
        long blocked = limit - p >= MAX_CONTROL_FRAME_BYTES ? connection.takeBlocked() : -1;
        if (blocked >= 0) {
            p = frame(WireConstants.FRAME_DATA_BLOCKED, dst, p, blocked);
        }
        while (!controlQueue.isEmpty() && limit - p >= 4 * MAX_CONTROL_FRAME_BYTES) {
            StreamState s = controlQueue.pollFirst();
            s.inControlQueue = false;
            p = writeStreamControl(s, dst, p, log);
            maybeClose(s);
        }
        return p;
    }

    private int writeStreamControl(StreamState s, byte[] dst, int pos, SentPacketLog log) {
        int p = pos;
        if (s.send.resetState() == SendStream.ResetState.PENDING) {
            p = frame(WireConstants.FRAME_RESET_STREAM, dst, p, s.id, s.send.resetCode(), s.send.resetFinalSize());
            log.logFrame(SentPacketLog.FRAME_RESET_STREAM, s.id, 0, 0);
            s.send.onResetSent();
        }
        if (s.stopSendingPending) {
            p = frame(WireConstants.FRAME_STOP_SENDING, dst, p, s.id, s.stopSendingCode);
            log.logFrame(SentPacketLog.FRAME_STOP_SENDING, s.id, 0, 0);
            s.stopSendingPending = false;
        }
        if (!s.closed && s.recv.takeMaxStreamDataPending()) {
            p = frame(WireConstants.FRAME_MAX_STREAM_DATA, dst, p, s.id, s.recv.maxStreamData());
            log.logFrame(SentPacketLog.FRAME_MAX_STREAM_DATA, s.id, 0, 0);
        }
        if (s.blockedLimitToSend >= 0) {
            p = frame(WireConstants.FRAME_STREAM_DATA_BLOCKED, dst, p, s.id, s.blockedLimitToSend);
            s.blockedLimitToSend = -1;
        }
        return p;
    }

    /** Fills {@code dst[pos..limit)} with STREAM frames, one stream after another in turn. */
    int writeStreamFrames(byte[] dst, int pos, int limit, SentPacketLog log) {
        int p = pos;
        int turns = sendQueue.size();
        while (turns-- > 0 && limit - p >= MIN_STREAM_FRAME_BYTES) {
            StreamState s = sendQueue.pollFirst();
            s.inSendQueue = false;
            if (s.closed) {
                continue;
            }
            p = s.send.writeFrame(dst, p, limit, connection.creditBytes(), log);
            connection.onSent(s.send.lastNewBytes());
            noteBlocked(s);
            schedule(s);
        }
        return p;
    }

    private void noteBlocked(StreamState s) {
        long limit = s.send.takeBlockedLimit();
        if (limit >= 0) {
            s.blockedLimitToSend = limit;
            enqueueControl(s);
        }
        if (s.send.hasUnsentData() && !s.send.hasSendable(0)) {
            connection.onBlocked();
        }
    }

    // --- Fate of sent frames -----------------------------------------------------------------

    void onFrameAcked(SentPacketLog log, long entry) {
        byte kind = log.kind(entry);
        StreamState s = streams.get(log.streamId(entry));
        if (s == null) {
            return;
        }
        if (kind == SentPacketLog.FRAME_STREAM || kind == SentPacketLog.FRAME_STREAM_FIN) {
            boolean freed = s.send.onAcked(log.offset(entry), log.length(entry), kind == SentPacketLog.FRAME_STREAM_FIN);
            if (freed && s.writeBlocked && s.send.hasRoom()) {
                s.writeBlocked = false;
                events.add(s.writableEvent);
            }
            maybeClose(s);
        } else if (kind == SentPacketLog.FRAME_RESET_STREAM) {
            s.send.onResetAcked();
            maybeClose(s);
        }
    }

    /** A lost packet's frame: queue again what still matters. {@code probe}: a copy for a PTO probe. */
    void onFrameLost(SentPacketLog log, long entry, boolean probe) {
        byte kind = log.kind(entry);
        if (kind == SentPacketLog.FRAME_MAX_DATA) {
            if (!probe) {
                connection.onMaxDataLost();
            }
            return;
        }
        if (kind == SentPacketLog.FRAME_MAX_STREAMS) {
            maxStreamsPending |= !probe;
            return;
        }
        StreamState s = streams.get(log.streamId(entry));
        if (s == null || s.closed) {
            return;
        }
        switch (kind) {
            case SentPacketLog.FRAME_STREAM, SentPacketLog.FRAME_STREAM_FIN -> {
                s.send.onLost(log.offset(entry), log.length(entry), kind == SentPacketLog.FRAME_STREAM_FIN);
                schedule(s);
            }
            case SentPacketLog.FRAME_RESET_STREAM -> {
                if (!probe) {
                    s.send.onResetLost();
                    enqueueControl(s);
                }
            }
            case SentPacketLog.FRAME_STOP_SENDING -> {
                if (!probe && !s.recv.isDone()) {
                    s.stopSendingPending = true;
                    enqueueControl(s);
                }
            }
            case SentPacketLog.FRAME_MAX_STREAM_DATA -> {
                if (!probe) {
                    s.recv.onMaxStreamDataLost();
                    enqueueControl(s);
                }
            }
            default -> {
            }
        }
    }

    // --- Helpers -----------------------------------------------------------------------------

    private void schedule(StreamState s) {
        if (!s.inSendQueue && !s.closed && s.send.hasSendable(connection.creditBytes())) {
            s.inSendQueue = true;
            sendQueue.addLast(s);
        }
    }

    private void enqueueControl(StreamState s) {
        if (!s.inControlQueue) {
            s.inControlQueue = true;
            controlQueue.addLast(s);
        }
    }

    private void maybeClose(StreamState s) {
        if (s.closed || !s.isDone() || s.inControlQueue) {
            return;
        }
        s.closed = true;
        streams.remove(s.id);
        if (!isLocal(s.id)) {
            // RFC 9000 4.6: a closed peer stream lets the peer open another.
            localMaxStreams++;
            maxStreamsPending = true;
        }
    }

    private boolean isLocal(long id) {
        return ((id & STREAM_ID_SERVER_BIT) == 0) == isClient;
    }

    /** RFC 9000 2.1: the low bit says who opened the stream; client streams are even. */
    private static long idOf(long index, boolean client) {
        return index << 1 | (client ? 0 : STREAM_ID_SERVER_BIT);
    }

    private static int frame(int type, byte[] dst, int pos, long... fields) {
        int p = Varint.encode(type, dst, pos);
        for (long f : fields) {
            p = Varint.encode(f, dst, p);
        }
        return p;
    }
}
