package net.overlay.core.proto.transport;

import static net.overlay.core.proto.transport.TransportConstants.MAX_PROBE_PACKETS;
import static net.overlay.core.proto.wire.WireConstants.FRAME_PING;

import java.util.ArrayDeque;
import java.util.Objects;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.Varint;
import net.overlay.core.proto.wire.WireException;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.PathChange;
import net.overlay.core.spi.cc.ReceiverHook;
import net.overlay.core.spi.cc.RttView;

/**
 * The reliable multiplexed transport inside one session (docs/transport.md): fills and consumes
 * the plaintext of Transport packets, as frames. Streams are reliable, ordered, flow-controlled
 * and multiplexed; datagrams are not; loss recovery follows RFC 9002 and congestion control is
 * delegated to a {@link CongestionControl}. It knows nothing of keys or addresses: the session
 * opens each packet and hands over the payload with its packet number. The session also owns the
 * packet numbers of what it sends (they are the AEAD nonce): it hands {@link #pollPacket} the
 * number the packet will be sealed with, and reports the packets it sent without our frames
 * with {@link #onForeignPacketSent}, so that loss detection sees every number.
 *
 * <p>Sans-IO, quinn's shape: inputs {@link #handlePacket}, {@link #handleTimeout}, {@link
 * #onPathChange} and the stream calls; outputs polled after each input, {@link #pollPacket} until
 * it returns 0, then {@link #pollEvent} until null, then {@link #pollTimeoutNs}. Time is always an
 * argument. Called by the session's driver on one thread; not thread-safe.
 */
public final class Transport {
    private final TransportConfig config;
    private final CongestionControl cc;
    private final ReceiverHook hook;
    private final ArrayDeque<TransportEvent> events = new ArrayDeque<>();
    private final Streams streams;
    private final SentPacketLog log = new SentPacketLog();
    private final RttEstimator rtt;
    private final LossDetector loss;
    private final AckTracker acks;
    private final Pacer pacer;
    private final OutgoingFrames outgoing;
    private final InboundFrames inbound;

    private int probesPending;
    private long pacingWaitNs = Long.MAX_VALUE;
    private long idleStartNs = Long.MIN_VALUE;
    private boolean sentSinceReceive;
    private boolean closed;
    private long packetsReceived;
    private long duplicatePackets;

    /**
     * @param hookOrNull the receiver-side half of a receiver-driven controller, or null
     * @param isClient whether this end opened the session (its streams get even ids)
     */
    public Transport(TransportConfig config, CongestionControl cc, ReceiverHook hookOrNull, boolean isClient) {
        this(config, cc, hookOrNull, isClient, false);
    }

    private Transport(TransportConfig config, CongestionControl cc, ReceiverHook hookOrNull, boolean isClient,
                      boolean insideSession) {
        this.config = Objects.requireNonNull(config, "config");
        this.cc = Objects.requireNonNull(cc, "cc");
        this.hook = hookOrNull;
        this.streams = new Streams(config, isClient, events);
        this.rtt = new RttEstimator(config.maxAckDelayNs());
        this.loss = new LossDetector(log, rtt, cc, new FrameFate());
        this.acks = new AckTracker(config.maxAckRanges(), config.maxAckDelayNs());
        this.pacer = new Pacer((long) config.pacingBurstPackets() * config.maxDatagramBytes());
        this.outgoing = new OutgoingFrames(config);
        this.inbound = new InboundFrames(streams, loss, outgoing, cc, events, insideSession);
    }

    /**
     * A transport driven by a session ({@link TransportPayload}): the session's own frames in the
     * packets it hands over (PATH_CHALLENGE, PATH_RESPONSE, PING, PADDING, Close, Control) are
     * the session's business, so this transport skips them and does not acknowledge them for
     * their sake.
     */
    public static Transport insideSession(TransportConfig config, CongestionControl cc, ReceiverHook hookOrNull,
                                          boolean isClient) {
        return new Transport(config, cc, hookOrNull, isClient, true);
    }

    // --- Inputs ------------------------------------------------------------------------------

    /**
     * One opened Transport packet's payload: a sequence of frames.
     *
     * @throws WireException when the frames do not parse (the session drops the packet)
     * @throws TransportException when they break a transport rule (the session closes with
     *     {@link TransportException#code()})
     */
    public void handlePacket(long nowNs, long packetNumber, byte[] buf, int off, int len)
            throws WireException, TransportException {
        Objects.checkFromIndexSize(off, len, buf.length);
        touch(nowNs);
        if (closed) {
            return;
        }
        if (acks.isDuplicate(packetNumber)) {
            duplicatePackets++;
            return;
        }
        boolean ackEliciting = inbound.handle(nowNs, buf, off, len);
        if (inbound.closeReceived()) {
            closed = true;
            return;
        }
        acks.onPacket(packetNumber, nowNs, ackEliciting);
        if (hook != null) {
            hook.onPacketReceived(nowNs, packetNumber, len + config.packetOverheadBytes());
        }
        packetsReceived++;
        idleStartNs = nowNs;
        sentSinceReceive = false;
    }

    /** Runs the timers that are due: idle timeout, loss detection, probe timeout. */
    public void handleTimeout(long nowNs) {
        touch(nowNs);
        if (closed) {
            return;
        }
        if (nowNs - idleStartNs >= config.idleTimeoutNs()) {
            closed = true;
            events.add(new TransportEvent.IdleTimeout());
            return;
        }
        if (loss.onTimeout(nowNs) == LossDetector.TimeoutAction.PROBE) {
            // RFC 9002 6.2.4: send one or two ack-eliciting probes, with data when there is some
            // (the oldest in flight, so that a lost tail gets through without waiting for loss).
            probesPending = MAX_PROBE_PACKETS;
            long oldest = loss.oldestOutstandingAckEliciting();
            if (oldest >= 0 && !streams.hasPendingStreamData()) {
                long first = log.frameStart(oldest);
                for (long e = first; e < first + log.frameCount(oldest); e++) {
                    streams.onFrameLost(log, e, true);
                }
            }
        }
    }

    /**
     * The session moved to another path (relay to direct, or back). Every stream and every
     * unacknowledged byte stays; RTT estimates start afresh on a new path and the controller is
     * told. Packets in flight on the old path are declared lost in due course and their data sent
     * again.
     */
    public void onPathChange(long nowNs, PathChange change) {
        touch(nowNs);
        loss.onPathChange(nowNs, change);
    }

    // --- Outputs -----------------------------------------------------------------------------

    /**
     * Writes the frames of packet {@code packetNumber} into {@code buf[off..)}, at most {@code
     * maxLen} bytes and at most the configured payload. ACKs go out even when the congestion
     * window is full. When this returns 0 the number is not used: the caller may give it to
     * {@link #onForeignPacketSent} or to the next call.
     *
     * @param packetNumber the number the packet will be sealed with: at least {@link
     *     #nextPacketNumber()}; numbers skipped over count as packets sent without our frames
     * @return the payload length, or 0 when nothing is to be sent now (see {@link #pollTimeoutNs})
     * @throws IllegalArgumentException for a number below {@link #nextPacketNumber()}
     */
    public int pollPacket(long nowNs, long packetNumber, byte[] buf, int off, int maxLen) {
        touch(nowNs);
        requireFresh(nowNs, packetNumber);
        pacingWaitNs = Long.MAX_VALUE;
        if (closed) {
            return 0;
        }
        int limit = off + Math.min(maxLen, config.maxPayloadBytes());
        if (outgoing.isClosing()) {
            return commit(nowNs, packetNumber, off, outgoing.writeClose(buf, off, limit), true, false);
        }
        if (hook != null && hook.pollTimeoutNs() <= nowNs) {
            outgoing.queueFeedback(hook.pollFeedback(nowNs));
        }
        boolean probe = probesPending > 0;
        boolean wantEliciting = probe || hasElicitingPending();
        boolean windowOpen = loss.bytesInFlight() + config.maxDatagramBytes() <= cc.congestionWindowBytes();
        boolean mayElicit = probe;
        if (!probe && wantEliciting && windowOpen) {
            long releaseNs = pacer.releaseTimeNs(nowNs, pacingRateBytesPerSec(), config.maxDatagramBytes());
            mayElicit = releaseNs <= nowNs;
            pacingWaitNs = mayElicit ? Long.MAX_VALUE : releaseNs;
        }
        if (!wantEliciting && windowOpen) {
            loss.onAppLimited(nowNs);
        }
        boolean ackDue = acks.isAckDue(nowNs);
        if (!mayElicit && !ackDue) {
            return 0;
        }
        int ackReserve = acks.hasNewInfo() ? Math.min(acks.frameLengthBound(), (limit - off) / 2) : 0;
        int pos = off;
        if (mayElicit) {
            int elicitLimit = limit - ackReserve;
            pos = outgoing.writeFrames(buf, pos, elicitLimit);
            pos = streams.writeControlFrames(buf, pos, elicitLimit, log);
            pos = streams.writeStreamFrames(buf, pos, elicitLimit, log);
            if (probe && pos == off) {
                pos = Varint.encode(FRAME_PING, buf, pos);
            }
        }
        boolean eliciting = pos > off;
        if ((eliciting || ackDue) && acks.hasNewInfo()) {
            pos = acks.writeAck(nowNs, buf, pos, limit);
        }
        if (pos == off) {
            return 0;
        }
        if (eliciting && probe) {
            probesPending--;
        }
        return commit(nowNs, packetNumber, off, pos, false, eliciting);
    }

    /**
     * The session sent packet {@code packetNumber} ({@code sizeBytes} on the wire) with none of
     * our frames (a path probe, a keepalive, a control message). It is recorded as neither in
     * flight nor ack-eliciting, as an ACK-only packet is: it keeps the numbers dense for loss
     * detection and costs the congestion window nothing.
     *
     * @throws IllegalArgumentException for a number below {@link #nextPacketNumber()}
     */
    public void onForeignPacketSent(long nowNs, long packetNumber, int sizeBytes) {
        touch(nowNs);
        requireFresh(nowNs, packetNumber);
        loss.onPacketSent(nowNs, sizeBytes, false, false);
    }

    /** The smallest packet number {@link #pollPacket} accepts: one past the last recorded. */
    public long nextPacketNumber() {
        return log.nextPacketNumber();
    }

    /**
     * Moves the log to {@code pn}: the first number may be anything (a payload can be attached
     * after the session sent its first packets), a later gap is filled with foreign packets.
     */
    private void requireFresh(long nowNs, long pn) {
        long next = log.nextPacketNumber();
        if (pn < next) {
            throw new IllegalArgumentException("packet number " + pn + " already used; next is " + next);
        }
        if (pn > next && !log.startAt(pn)) {
            for (long gap = next; gap < pn; gap++) {
                loss.onPacketSent(nowNs, 0, false, false);
            }
        }
    }

    private int commit(long nowNs, long packetNumber, int off, int pos, boolean closing, boolean eliciting) {
        int size = pos - off + config.packetOverheadBytes();
        long pn = loss.onPacketSent(nowNs, size, eliciting, eliciting);
        assert pn == packetNumber : pn + " != " + packetNumber;
        if (eliciting) {
            pacer.onSent(size);
            if (!sentSinceReceive) {
                // RFC 9000 10.1: sending the first ack-eliciting packet after a receipt restarts the idle timer.
                sentSinceReceive = true;
                idleStartNs = nowNs;
            }
        }
        if (closing) {
            closed = true;
        }
        return pos - off;
    }

    private boolean hasElicitingPending() {
        return outgoing.hasPending() || streams.hasPendingControl() || streams.hasPendingStreamData();
    }

    /** RFC 9002 7.7: the controller's rate, or 1.25 x window / smoothed RTT. */
    private long pacingRateBytesPerSec() {
        long rate = cc.pacingRateBytesPerSec();
        if (rate > 0) {
            return rate;
        }
        long srttNs = Math.max(rtt.smoothedRttNs(), 1);
        return (long) (1.25 * cc.congestionWindowBytes() * 1e9 / srttNs);
    }

    /**
     * The next time {@link #handleTimeout} (or {@link #pollPacket}) wants calling: the earliest of
     * the loss or probe timer, the delayed ACK, the pacer's next release, the idle timeout and
     * the receiver hook; {@code Long.MAX_VALUE} for none.
     */
    public long pollTimeoutNs() {
        if (closed) {
            return Long.MAX_VALUE;
        }
        long t = Math.min(loss.timerNs(), acks.timeoutNs());
        t = Math.min(t, pacingWaitNs);
        if (idleStartNs != Long.MIN_VALUE) {
            t = Math.min(t, idleStartNs + config.idleTimeoutNs());
        }
        return hook == null ? t : Math.min(t, hook.pollTimeoutNs());
    }

    /** The next event, or null. */
    public TransportEvent pollEvent() {
        return events.pollFirst();
    }

    private void touch(long nowNs) {
        if (idleStartNs == Long.MIN_VALUE) {
            idleStartNs = nowNs;
        }
    }

    // --- Streams -----------------------------------------------------------------------------

    /**
     * Opens a bidirectional stream: ids of the session's initiator are even, the other side's
     * odd (RFC 9000 2.1's low bit).
     *
     * @return the stream id, or -1 when the peer's stream limit is reached (wait for {@link
     *     TransportEvent.StreamsAvailable})
     */
    public long openStream() {
        return streams.open();
    }

    /**
     * Queues bytes on a stream.
     *
     * @return how many were accepted: fewer than {@code len} when the send buffer is full
     *     (backpressure; {@link TransportEvent.StreamWritable} says when to try again)
     * @throws IllegalStateException for a stream that is not open, finished or reset
     */
    public int write(long streamId, byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        return streams.write(streamId, buf, off, len);
    }

    /** Half-closes our side: FIN after the bytes written so far. */
    public void finish(long streamId) {
        streams.finish(streamId);
    }

    /** Abandons our side (RESET_STREAM): unsent and unacknowledged bytes are dropped. */
    public void reset(long streamId, long errorCode) {
        streams.reset(streamId, errorCode);
    }

    /** Asks the peer to stop sending on the stream (STOP_SENDING); it answers with a reset. */
    public void stopSending(long streamId, long errorCode) {
        streams.stopSending(streamId, errorCode);
    }

    /**
     * Reads in-order bytes.
     *
     * @return bytes read; 0 when none has arrived yet; -1 at the end (FIN reached, peer reset, or
     *     stream already closed)
     */
    public int read(long streamId, byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        return streams.read(streamId, buf, off, len);
    }

    /** Contiguous bytes ready to read on the stream. */
    public long readableBytes(long streamId) {
        return streams.readableBytes(streamId);
    }

    /** Bytes written and not yet acknowledged, so an application can adapt its rate to the fill. */
    public long sendBufferedBytes(long streamId) {
        return streams.sendBufferedBytes(streamId);
    }

    /** Bytes arrived and not yet read on the stream (never more than the stream window). */
    public long receiveBufferedBytes(long streamId) {
        return streams.receiveBufferedBytes(streamId);
    }

    public int openStreamCount() {
        return streams.openCount();
    }

    // --- Datagrams, signalling, path probing, close ------------------------------------------

    /**
     * Queues an unreliable datagram (never retransmitted).
     *
     * @return false when it was dropped: larger than one packet holds, or the queue is full
     */
    public boolean sendDatagram(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        return outgoing.queueDatagram(buf, off, len);
    }

    /** Queues a rendezvous signalling message (unreliable, as a datagram); false when dropped. */
    public boolean sendControl(long kind, Bytes body) {
        return outgoing.queueControl(new Frame.Control(kind, body));
    }

    /** Sends a PATH_CHALLENGE with 8 bytes of data the session chose unpredictably. */
    public void sendPathChallenge(long data) {
        outgoing.queuePathChallenge(data);
    }

    /** Closes the session: the next packet carries a Close frame, then nothing more is sent. */
    public void close(long errorCode, String reason) {
        outgoing.close(new Frame.Close(errorCode, reason));
    }

    public boolean isClosed() {
        return closed;
    }

    // --- Observation -------------------------------------------------------------------------

    public RttView rtt() {
        return rtt;
    }

    public long bytesInFlight() {
        return loss.bytesInFlight();
    }

    /** Packet numbers recorded so far: ours and the session's foreign ones. */
    public long packetsSent() {
        return log.nextPacketNumber() - log.firstPacketNumber();
    }

    public long packetsReceived() {
        return packetsReceived;
    }

    public long duplicatePacketsReceived() {
        return duplicatePackets;
    }

    /**
     * Datagrams accepted by {@link #sendDatagram} and not yet written into a packet: the
     * datagram channel's send-buffer fill (they wait for the congestion window and the pacer).
     */
    public int queuedDatagrams() {
        return outgoing.queuedDatagrams();
    }

    /** The payload bytes of the {@link #queuedDatagrams()}. */
    public long queuedDatagramBytes() {
        return outgoing.queuedDatagramBytes();
    }

    /**
     * Packets declared lost and acknowledged later (late, not lost: reordering); each one widened
     * the loss thresholds (docs/transport.md, "Reordering").
     */
    public long spuriousLosses() {
        return loss.reordering().spuriousLosses();
    }

    /** Loss episodes whose every loss proved spurious; the controller was told to undo each. */
    public long spuriousLossEpisodes() {
        return loss.reordering().spuriousEpisodes();
    }

    /** The current packet threshold: 3 (RFC 9002) until reordering raises it. */
    public int lossPacketThreshold() {
        return loss.reordering().packetThreshold();
    }

    /** Time beyond RFC 9002's 9/8 RTT a packet may be late before it counts as lost; 0 at first. */
    public long reorderingWindowNs() {
        return loss.reordering().reorderingWindowNs(rtt.minRttNs(), rtt.smoothedRttNs());
    }

    /** Tests only: plain RFC 9002 (fixed thresholds, no undo), to compare with. */
    void disableReorderingAdaptation() {
        loss.reordering().setEnabled(false);
    }

    /** Datagrams refused by {@link #sendDatagram} (too large, queue full). */
    public long datagramsDropped() {
        return outgoing.datagramsDropped();
    }

    /** What the loss detector tells the streams about each packet's frames. */
    private final class FrameFate implements LossDetector.Listener {
        @Override
        public void onPacketAcked(SentPacketLog sent, long pn) {
            long first = sent.frameStart(pn);
            for (long e = first; e < first + sent.frameCount(pn); e++) {
                streams.onFrameAcked(sent, e);
            }
        }

        @Override
        public void onPacketLost(SentPacketLog sent, long pn) {
            long first = sent.frameStart(pn);
            for (long e = first; e < first + sent.frameCount(pn); e++) {
                streams.onFrameLost(sent, e, false);
            }
        }
    }
}
