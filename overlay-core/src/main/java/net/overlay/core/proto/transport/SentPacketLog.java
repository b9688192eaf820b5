package net.overlay.core.proto.transport;

/**
 * What the sender remembers of each packet until it is acknowledged or declared lost (RFC 9002
 * A.1.1), in primitive ring buffers instead of an object per packet: packet numbers are dense and
 * increasing, so packet {@code pn} lives in slot {@code pn & mask} while {@code base <= pn <
 * next}. Each packet also points at a run of entries in a second ring, the frame log, saying
 * which retransmittable frames it carried (stream ranges, resets, flow-control updates), so that
 * a loss resends the frames' data in new packets rather than the packet.
 *
 * <p>Both rings grow by doubling when full. Mutable, not thread-safe; owned by one transport.
 */
final class SentPacketLog {
    /** Packet flags. */
    static final int IN_FLIGHT = 1;
    static final int ACK_ELICITING = 2;
    static final int APP_LIMITED = 4;
    static final int ACKED = 8;
    static final int LOST = 16;
    static final int RESOLVED = ACKED | LOST;

    /** Frame log kinds: frames whose loss means sending something again. */
    static final byte FRAME_STREAM = 1;
    static final byte FRAME_STREAM_FIN = 2;
    static final byte FRAME_RESET_STREAM = 3;
    static final byte FRAME_STOP_SENDING = 4;
    static final byte FRAME_MAX_DATA = 5;
    static final byte FRAME_MAX_STREAM_DATA = 6;
    static final byte FRAME_MAX_STREAMS = 7;

    private long first;
    private long base;
    private long next;
    private int mask;
    private long[] sentTimeNs;
    private int[] sizeBytes;
    private byte[] flags;
    private long[] frameStart;
    private int[] frameCount;
    private long[] delivered;
    private long[] deliveredTimeNs;
    private long[] firstSentTimeNs;

    private long logHead;
    private long logTail;
    private long packetLogStart;
    private int logMask;
    private byte[] logKind;
    private long[] logStreamId;
    private long[] logOffset;
    private int[] logLength;

    SentPacketLog() {
        allocatePackets(256);
        allocateLog(1024);
    }

    /** The oldest packet not yet forgotten (everything below is resolved). */
    long base() {
        return base;
    }

    /** The number the first packet got (0 unless {@link #startAt} moved it). */
    long firstPacketNumber() {
        return first;
    }

    /**
     * Starts the numbering at {@code pn}, if nothing was recorded yet.
     *
     * @return false when packets were already recorded (nothing changes)
     */
    boolean startAt(long pn) {
        if (next != first) {
            return false;
        }
        first = pn;
        base = pn;
        next = pn;
        return true;
    }

    /** The packet number the next packet gets. */
    long nextPacketNumber() {
        return next;
    }

    /** Whether {@code pn} was sent and is neither acknowledged nor lost. */
    boolean isOutstanding(long pn) {
        return pn >= base && pn < next && (flags[slot(pn)] & RESOLVED) == 0;
    }

    boolean wasAcked(long pn) {
        return pn >= base && pn < next && (flags[slot(pn)] & ACKED) != 0;
    }

    /** Records a retransmittable frame of the packet being built (before {@link #commit}). */
    void logFrame(byte kind, long streamId, long offset, int length) {
        if (logTail - logHead == logKind.length) {
            growLog();
        }
        int s = (int) (logTail & logMask);
        logKind[s] = kind;
        logStreamId[s] = streamId;
        logOffset[s] = offset;
        logLength[s] = length;
        logTail++;
    }

    /**
     * Records packet {@link #nextPacketNumber()} with the frames logged since the last commit.
     *
     * @return its packet number
     */
    long commit(long nowNs, int size, int packetFlags, long deliveredBytes, long deliveredAtNs, long firstSentAtNs) {
        if (next - base == flags.length) {
            growPackets();
        }
        long pn = next++;
        int s = slot(pn);
        sentTimeNs[s] = nowNs;
        sizeBytes[s] = size;
        flags[s] = (byte) packetFlags;
        frameStart[s] = packetLogStart;
        frameCount[s] = (int) (logTail - packetLogStart);
        delivered[s] = deliveredBytes;
        deliveredTimeNs[s] = deliveredAtNs;
        firstSentTimeNs[s] = firstSentAtNs;
        packetLogStart = logTail;
        return pn;
    }

    long sentTimeNs(long pn) {
        return sentTimeNs[slot(pn)];
    }

    int sizeBytes(long pn) {
        return sizeBytes[slot(pn)];
    }

    int flags(long pn) {
        return flags[slot(pn)];
    }

    long delivered(long pn) {
        return delivered[slot(pn)];
    }

    long deliveredTimeNs(long pn) {
        return deliveredTimeNs[slot(pn)];
    }

    long firstSentTimeNs(long pn) {
        return firstSentTimeNs[slot(pn)];
    }

    /** Absolute index of the packet's first frame-log entry; read entries with {@link #kind}... */
    long frameStart(long pn) {
        return frameStart[slot(pn)];
    }

    int frameCount(long pn) {
        return frameCount[slot(pn)];
    }

    byte kind(long entry) {
        return logKind[(int) (entry & logMask)];
    }

    long streamId(long entry) {
        return logStreamId[(int) (entry & logMask)];
    }

    long offset(long entry) {
        return logOffset[(int) (entry & logMask)];
    }

    int length(long entry) {
        return logLength[(int) (entry & logMask)];
    }

    /** Marks {@code pn} acknowledged ({@link #ACKED}) or lost ({@link #LOST}). */
    void resolve(long pn, int outcome) {
        int s = slot(pn);
        flags[s] = (byte) (flags[s] | outcome);
    }

    /** Forgets the resolved packets at the base, and their frame-log entries. */
    void forgetResolved() {
        while (base < next && (flags[slot(base)] & RESOLVED) != 0) {
            base++;
        }
        logHead = base < next ? frameStart[slot(base)] : packetLogStart;
    }

    private int slot(long pn) {
        return (int) (pn & mask);
    }

    private void allocatePackets(int capacity) {
        mask = capacity - 1;
        sentTimeNs = new long[capacity];
        sizeBytes = new int[capacity];
        flags = new byte[capacity];
        frameStart = new long[capacity];
        frameCount = new int[capacity];
        delivered = new long[capacity];
        deliveredTimeNs = new long[capacity];
        firstSentTimeNs = new long[capacity];
    }

    private void growPackets() {
        long[] t = sentTimeNs;
        int[] sz = sizeBytes;
        byte[] f = flags;
        long[] fs = frameStart;
        int[] fc = frameCount;
        long[] d = delivered;
        long[] dt = deliveredTimeNs;
        long[] ft = firstSentTimeNs;
        int oldMask = mask;
        allocatePackets(t.length * 2);
        for (long pn = base; pn < next; pn++) {
            int o = (int) (pn & oldMask);
            int s = slot(pn);
            sentTimeNs[s] = t[o];
            sizeBytes[s] = sz[o];
            flags[s] = f[o];
            frameStart[s] = fs[o];
            frameCount[s] = fc[o];
            delivered[s] = d[o];
            deliveredTimeNs[s] = dt[o];
            firstSentTimeNs[s] = ft[o];
        }
    }

    private void allocateLog(int capacity) {
        logMask = capacity - 1;
        logKind = new byte[capacity];
        logStreamId = new long[capacity];
        logOffset = new long[capacity];
        logLength = new int[capacity];
    }

    private void growLog() {
        byte[] k = logKind;
        long[] id = logStreamId;
        long[] off = logOffset;
        int[] len = logLength;
        int oldMask = logMask;
        allocateLog(k.length * 2);
        for (long e = logHead; e < logTail; e++) {
            int o = (int) (e & oldMask);
            int s = (int) (e & logMask);
            logKind[s] = k[o];
            logStreamId[s] = id[o];
            logOffset[s] = off[o];
            logLength[s] = len[o];
        }
    }

    @Override
    public String toString() {
        return "SentPacketLog[base=" + base + ", next=" + next + ", frames=" + (logTail - logHead) + "]";
    }
}
