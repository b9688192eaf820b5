package net.overlay.core.proto.transport;

import net.overlay.core.proto.transport.TransportException.Code;

/**
 * The receiving half of a stream (RFC 9000 3.2): reassembles STREAM frames that arrive out of
 * order, overlapping or twice into a {@link ByteRing} covering the window past the reader,
 * enforces the stream's flow-control limit and final size (RFC 9000 4.1, 4.5), and decides when
 * to raise the limit (when the reader has consumed half the window).
 *
 * <p>Mutable, not thread-safe; owned by one transport.
 */
final class RecvStream {
    private final long streamId;
    private final int windowBytes;
    private final ByteRing ring;
    private final RangeSet received = new RangeSet();

    private long readOffset;
    private long highestOffset;
    private long finalSize = -1;
    private long maxStreamData;
    private boolean maxStreamDataPending;
    private boolean resetReceived;
    private boolean finDelivered;
    private boolean finArrivedReported;

    RecvStream(long streamId, int windowBytes) {
        this.streamId = streamId;
        this.windowBytes = windowBytes;
        this.ring = new ByteRing(windowBytes);
        this.maxStreamData = windowBytes;
    }

    /**
     * A STREAM frame's data arrived.
     *
     * @return how far it moved the highest offset received (new bytes of connection credit used)
     * @throws TransportException FLOW_CONTROL_ERROR past the limit, FINAL_SIZE_ERROR against a
     *     known final size
     */
    long onData(long offset, byte[] src, int off, int len, boolean fin) throws TransportException {
        long end = offset + len;
        if (end > maxStreamData) {
            throw new TransportException(Code.FLOW_CONTROL_ERROR,
                    "stream " + streamId + " data to offset " + end + " past its limit " + maxStreamData);
        }
        checkFinalSize(end, fin);
        long grown = Math.max(0, end - highestOffset);
        highestOffset = Math.max(highestOffset, end);
        if (resetReceived || end <= readOffset) {
            return grown;
        }
        long start = Math.max(offset, readOffset);
        ring.put(start, src, off + (int) (start - offset), (int) (end - start));
        received.add(start, end);
        return grown;
    }

    private void checkFinalSize(long end, boolean fin) throws TransportException {
        if (finalSize >= 0 && (end > finalSize || fin && end != finalSize)) {
            throw new TransportException(Code.FINAL_SIZE_ERROR,
                    "stream " + streamId + " final size " + finalSize + ", frame ends at " + end + (fin ? " with FIN" : ""));
        }
        if (fin) {
            if (end < highestOffset) {
                throw new TransportException(Code.FINAL_SIZE_ERROR,
                        "stream " + streamId + " FIN at " + end + " below data received to " + highestOffset);
            }
            finalSize = end;
        }
    }

    /**
     * RESET_STREAM arrived (RFC 9000 19.4).
     *
     * @return how far it moved the highest offset (connection credit the final size uses)
     */
    long onReset(long size) throws TransportException {
        if (size > maxStreamData) {
            throw new TransportException(Code.FLOW_CONTROL_ERROR,
                    "stream " + streamId + " reset at " + size + " past its limit " + maxStreamData);
        }
        checkFinalSize(size, true);
        long grown = Math.max(0, size - highestOffset);
        highestOffset = size;
        if (!resetReceived) {
            resetReceived = true;
            received.clear();
            ring.release(readOffset);
        }
        return grown;
    }

    /** Contiguous bytes ready for the reader. */
    long readableBytes() {
        if (resetReceived || received.isEmpty()) {
            return 0;
        }
        return received.contiguousEnd(readOffset) - readOffset;
    }

    /** Whether a read would return data or the end of the stream. */
    boolean isReadable() {
        return readableBytes() > 0 || !finDelivered && (readOffset == finalSize);
    }

    /**
     * Copies up to {@code len} contiguous bytes to the reader.
     *
     * @return bytes read, 0 when none is there yet, -1 at the end (FIN reached, or reset)
     */
    int read(byte[] dst, int off, int len) {
        if (resetReceived) {
            return -1;
        }
        int n = (int) Math.min(len, readableBytes());
        if (n == 0) {
            if (readOffset == finalSize) {
                finDelivered = true;
                return -1;
            }
            return 0;
        }
        ring.get(readOffset, dst, off, n);
        readOffset += n;
        ring.advance(readOffset);
        received.removeBelow(readOffset);
        // RFC 9000 4.2: raise the limit once the reader has used half of the window, so that
        // updates are neither constant nor late.
        if (finalSize < 0 && maxStreamData - readOffset < windowBytes / 2) {
            maxStreamData = readOffset + windowBytes;
            maxStreamDataPending = true;
        }
        return n;
    }

    /** Bytes buffered past the reader (received, not yet read), for flow-control checks. */
    long bufferedBytes() {
        return resetReceived ? 0 : received.cardinality();
    }

    /** Bytes of connection credit the unread rest of the stream holds, released on reset. */
    long unreadCreditBytes() {
        return highestOffset - readOffset;
    }

    long maxStreamData() {
        return maxStreamData;
    }

    /** A MAX_STREAM_DATA frame is due (taken once). */
    boolean takeMaxStreamDataPending() {
        boolean pending = maxStreamDataPending && finalSize < 0 && !resetReceived;
        maxStreamDataPending = false;
        return pending;
    }

    /** The frame carrying the limit was lost: send the current one again if still useful. */
    void onMaxStreamDataLost() {
        maxStreamDataPending = true;
    }

    boolean isResetReceived() {
        return resetReceived;
    }

    /** The reader has everything it will get: FIN read, or the peer reset. */
    boolean isDone() {
        return finDelivered || resetReceived;
    }

    /** Whether every byte up to the FIN has arrived, reported once (for the event). */
    boolean takeAllArrived() {
        if (finArrivedReported || resetReceived || finalSize < 0 || received.contiguousEnd(readOffset) < finalSize) {
            return false;
        }
        finArrivedReported = true;
        return true;
    }
}
