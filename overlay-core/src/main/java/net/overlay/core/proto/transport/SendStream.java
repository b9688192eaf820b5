package net.overlay.core.proto.transport;

import static net.overlay.core.proto.wire.WireConstants.FRAME_STREAM;
import static net.overlay.core.proto.wire.WireConstants.STREAM_BIT_FIN;
import static net.overlay.core.proto.wire.WireConstants.STREAM_BIT_LEN;
import static net.overlay.core.proto.wire.WireConstants.STREAM_BIT_OFF;

import net.overlay.core.proto.wire.Varint;

/**
 * The sending half of a stream (RFC 9000 3.1): the bytes the application wrote and the peer has
 * not acknowledged, in a {@link ByteRing}; which of them were acknowledged out of order; which
 * were lost and wait to be sent again; the peer's flow-control limit; the FIN and RESET_STREAM
 * states. Lost data goes out before new data, in new STREAM frames (the packet is never resent).
 *
 * <p>Mutable, not thread-safe; owned by one transport.
 */
final class SendStream {
    enum ResetState { NONE, PENDING, SENT, ACKED }

    private final long streamId;
    private final int bufferLimitBytes;
    private final ByteRing ring;
    private final RangeSet acked = new RangeSet();
    private final RangeSet lost = new RangeSet();

    private long writeOffset;
    private long ackedFloor;
    private long nextNewOffset;
    private long peerMaxData;
    private boolean finWritten;
    private boolean finSent;
    private boolean finLost;
    private boolean finAcked;
    private ResetState resetState = ResetState.NONE;
    private long resetCode;
    private long resetFinalSize;
    private long blockedReportedAt = -1;
    private int lastNewBytes;

    SendStream(long streamId, int bufferLimitBytes, long peerMaxData) {
        this.streamId = streamId;
        this.bufferLimitBytes = bufferLimitBytes;
        this.ring = new ByteRing(bufferLimitBytes);
        this.peerMaxData = peerMaxData;
    }

    /** Accepts as much of {@code src} as the send buffer has room for. */
    int write(byte[] src, int off, int len) {
        if (finWritten || resetState != ResetState.NONE) {
            throw new IllegalStateException("stream " + streamId + " is finished or reset");
        }
        int n = (int) Math.min(len, bufferLimitBytes - (writeOffset - ackedFloor));
        if (n > 0) {
            ring.put(writeOffset, src, off, n);
            writeOffset += n;
        }
        return n;
    }

    void finish() {
        if (resetState == ResetState.NONE) {
            finWritten = true;
        }
    }

    /** Abandons the stream: RFC 9000 19.4, the final size is what the peer's credit counted. */
    boolean reset(long errorCode) {
        if (resetState != ResetState.NONE || finAcked) {
            return false;
        }
        resetState = ResetState.PENDING;
        resetCode = errorCode;
        resetFinalSize = nextNewOffset;
        lost.clear();
        acked.clear();
        ring.release(ackedFloor);
        return true;
    }

    /** Bytes written and not yet acknowledged. */
    long bufferedBytes() {
        return resetState == ResetState.NONE ? writeOffset - ackedFloor : 0;
    }

    boolean hasRoom() {
        return writeOffset - ackedFloor < bufferLimitBytes;
    }

    /** Whether a STREAM frame could go out now, given {@code connCreditBytes} of new data allowed. */
    boolean hasSendable(long connCreditBytes) {
        if (resetState != ResetState.NONE) {
            return false;
        }
        return !lost.isEmpty() || (nextNewOffset < Math.min(writeOffset, peerMaxData) && connCreditBytes > 0)
                || finPending();
    }

    /** Written bytes never sent yet (whatever the credit). */
    boolean hasUnsentData() {
        return resetState == ResetState.NONE && nextNewOffset < writeOffset;
    }

    private boolean finPending() {
        return finWritten && !finAcked && nextNewOffset == writeOffset && (!finSent || finLost);
    }

    /**
     * Writes one STREAM frame into {@code dst[pos..limit)}: lost bytes first, else new bytes within
     * the stream's and the connection's credit, else a lone FIN. Logs it for loss recovery.
     *
     * @return the position after the frame, or {@code pos} when nothing fit or nothing was due;
     *     {@link #lastNewBytes()} then says how much new data (connection credit) it used
     */
    int writeFrame(byte[] dst, int pos, int limit, long connCreditBytes, SentPacketLog log) {
        lastNewBytes = 0;
        if (resetState != ResetState.NONE) {
            return pos;
        }
        boolean retransmit = !lost.isEmpty();
        long start = retransmit ? lost.start(0) : nextNewOffset;
        long available = retransmit ? lost.end(0) - start
                : Math.min(Math.min(writeOffset, peerMaxData), nextNewOffset + connCreditBytes) - start;
        if (available <= 0 && !finPending()) {
            return pos;
        }
        int room = limit - pos;
        int header = 1 + Varint.encodedLength(streamId) + (start != 0 ? Varint.encodedLength(start) : 0);
        int lenField = room - header > 16383 ? 4 : room - header > 63 ? 2 : 1;
        int len = (int) Math.min(Math.max(available, 0), room - header - lenField);
        if (len < 0 || (len == 0 && available > 0)) {
            return pos;
        }
        long end = start + len;
        boolean fin = finWritten && end == writeOffset && !finAcked;
        int p = Varint.encode(FRAME_STREAM | STREAM_BIT_LEN | (start != 0 ? STREAM_BIT_OFF : 0)
                | (fin ? STREAM_BIT_FIN : 0), dst, pos);
        p = Varint.encode(streamId, dst, p);
        if (start != 0) {
            p = Varint.encode(start, dst, p);
        }
        p = Varint.encode(len, lenField, dst, p);
        ring.get(start, dst, p, len);
        if (retransmit) {
            lost.remove(start, end);
        } else {
            nextNewOffset = end;
            lastNewBytes = len;
        }
        if (fin) {
            finSent = true;
            finLost = false;
        }
        log.logFrame(fin ? SentPacketLog.FRAME_STREAM_FIN : SentPacketLog.FRAME_STREAM, streamId, start, len);
        return p + len;
    }

    int lastNewBytes() {
        return lastNewBytes;
    }

    /**
     * The frame carrying {@code [offset, offset+len)} was acknowledged.
     *
     * @return whether buffer space was freed
     */
    boolean onAcked(long offset, int len, boolean fin) {
        if (fin) {
            finAcked = true;
        }
        if (resetState != ResetState.NONE || len == 0) {
            return false;
        }
        acked.add(offset, offset + len);
        lost.remove(offset, offset + len);
        long floor = acked.contiguousEnd(ackedFloor);
        if (floor == ackedFloor) {
            return false;
        }
        ackedFloor = floor;
        acked.removeBelow(floor);
        ring.advance(floor);
        return true;
    }

    /** The frame carrying {@code [offset, offset+len)} was lost: queue whatever is still unacknowledged. */
    void onLost(long offset, int len, boolean fin) {
        if (resetState != ResetState.NONE) {
            return;
        }
        if (fin && !finAcked) {
            finLost = true;
        }
        long start = Math.max(offset, ackedFloor);
        long end = offset + len;
        if (start >= end) {
            return;
        }
        lost.add(start, end);
        for (int i = 0; i < acked.rangeCount() && acked.start(i) < end; i++) {
            lost.remove(acked.start(i), acked.end(i));
        }
    }

    /** The peer's MAX_STREAM_DATA; only increases count (RFC 9000 19.10). */
    boolean onMaxStreamData(long maximum) {
        if (maximum <= peerMaxData) {
            return false;
        }
        peerMaxData = maximum;
        return true;
    }

    /** A limit to report in STREAM_DATA_BLOCKED, once per limit, or -1. */
    long takeBlockedLimit() {
        boolean blocked = resetState == ResetState.NONE && nextNewOffset < writeOffset && nextNewOffset >= peerMaxData;
        if (!blocked || blockedReportedAt == peerMaxData) {
            return -1;
        }
        blockedReportedAt = peerMaxData;
        return peerMaxData;
    }

    ResetState resetState() {
        return resetState;
    }

    void onResetSent() {
        resetState = ResetState.SENT;
    }

    void onResetLost() {
        if (resetState == ResetState.SENT) {
            resetState = ResetState.PENDING;
        }
    }

    void onResetAcked() {
        resetState = ResetState.ACKED;
    }

    long resetCode() {
        return resetCode;
    }

    long resetFinalSize() {
        return resetFinalSize;
    }

    /** Nothing more will ever be sent or acknowledged here. */
    boolean isDone() {
        return finAcked && ackedFloor == writeOffset || resetState == ResetState.ACKED;
    }
}
