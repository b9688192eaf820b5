package net.overlay.sim;

/**
 * One partition of the nodes, [firstNode, firstNode + nodeCount), and everything they have pending:
 * the state a {@link RegionActor} owns. Per node it keeps a random stream, a sequence counter and a
 * digest of the node's own event trace, all in primitive arrays (no object per node or per event).
 *
 * <p>Pending events sit in a wheel of buckets, one per window; a window's bucket is sorted once by
 * (time, source, sequence) and played in that order. Events further ahead than the wheel wait in a
 * far list and move into the wheel once per wheel turn.
 *
 * <p>Not thread-safe: only the owning actor calls it (the engine builds it on the caller's thread
 * before the actor system starts, which publishes it safely through the actor's creation).
 */
public final class Region {
    /** Wheel size in windows, a power of two: 1.28 s at 10 ms windows covers the ping period. */
    static final int WHEEL_WINDOWS = 128;
    private static final int NONE = -1;

    private final int index;
    private final int firstNode;
    private final int nodeCount;
    private final Partition partition;
    private final long windowNs;
    private final Workload workload;
    private final long[] rngState;
    private final int[] sequence;
    private final long[] digest;
    private final EventBuffer[] wheel = new EventBuffer[WHEEL_WINDOWS];
    private final EventBuffer far = new EventBuffer(16);
    /** Timers a node sets for a time inside the window being played: a heap merged into the play order. */
    private final EventBuffer inWindow = new EventBuffer(16);
    private long nowNs;
    private long farMinWindow = Long.MAX_VALUE;
    private EventBuffer[] outbound;
    private long window = NONE;
    private long windowEndNs;
    private long events;

    Region(int index, Partition partition, long windowNs, long seed, Workload workload) {
        this.index = index;
        this.partition = partition;
        this.firstNode = partition.firstNode(index);
        this.nodeCount = partition.firstNode(index + 1) - firstNode;
        this.windowNs = windowNs;
        this.workload = workload;
        this.rngState = new long[nodeCount];
        this.sequence = new int[nodeCount];
        this.digest = new long[nodeCount];
        for (int i = 0; i < nodeCount; i++) rngState[i] = SplitMix64.seedFor(seed, firstNode + i);
        // Buckets start small and grow to the workload's steady state, so no node pays for empty slots.
        for (int w = 0; w < WHEEL_WINDOWS; w++) wheel[w] = new EventBuffer(16);
        this.outbound = freshOutbound();
        for (int i = 0; i < nodeCount; i++) workload.onStart(this, firstNode + i);
    }

    /** The node's next random value in [0, bound), from its own stream. */
    public long nextLong(int node, long bound) {
        int i = node - firstNode;
        long s = SplitMix64.advance(rngState[i]);
        rngState[i] = s;
        return SplitMix64.bounded(SplitMix64.mix(s), bound);
    }

    /**
     * Sends a message from {@code from} (a node of this region) to {@code to}, arriving at
     * {@code arrivalNs}, which must lie beyond the current window: that is the lookahead every link
     * guarantees, and what lets regions run a window without waiting for each other.
     */
    public void send(int from, int to, long arrivalNs, long payload) {
        send(from, to, arrivalNs, payload, null);
    }

    /**
     * As {@link #send(int, int, long, long)}, with an object that travels with the message (a
     * datagram's bytes) and is handed to {@link Workload#onMessage(Region, int, long, int, long, Object)}.
     * The receiver owns it from then on; the sender must not touch it again. {@code payload} should
     * summarise it (a hash), since the trace digest sees the payload, not the object.
     */
    public void send(int from, int to, long arrivalNs, long payload, Object attachment) {
        requireLaterWindow(arrivalNs);
        int seq = sequence[from - firstNode]++;
        int owner = partition.regionOf(to);
        if (owner == index) {
            enqueue(arrivalNs, from, seq, to, EventBuffer.KIND_MESSAGE, payload, attachment);
        } else {
            outbound[owner].add(arrivalNs, from, seq, to, EventBuffer.KIND_MESSAGE, payload, attachment);
        }
    }

    /**
     * Sets a timer for {@code node} (of this region) at {@code atNs}. A timer may fall inside the
     * window being played, at or after the event being played: a node's timers concern the node
     * alone, so they need no lookahead.
     */
    public void setTimer(int node, long atNs, long payload) {
        int seq = sequence[node - firstNode]++;
        if (atNs < windowEndNs) {
            if (atNs < nowNs) {
                throw new IllegalStateException("timer at " + atNs + " ns lies before the current event at " + nowNs + " ns");
            }
            inWindow.heapAdd(atNs, node, seq, node, EventBuffer.KIND_TIMER, payload, null);
        } else {
            enqueue(atNs, node, seq, node, EventBuffer.KIND_TIMER, payload, null);
        }
    }

    /** The virtual time of the event being played (the start of the run before the first one). */
    public long nowNs() {
        return nowNs;
    }

    private void requireLaterWindow(long atNs) {
        if (atNs < windowEndNs) {
            throw new IllegalStateException("event at " + atNs + " ns falls inside the current window ending at "
                    + windowEndNs + " ns: below the lookahead");
        }
    }

    /** Takes in events other regions sent to this one (before {@link #runWindow}). */
    void accept(EventBuffer batch) {
        for (int i = 0; i < batch.size(); i++) {
            long w = batch.timeNs(i) / windowNs;
            if (w - Math.max(window, 0) >= WHEEL_WINDOWS) {
                far.addFrom(batch, i);
                farMinWindow = Math.min(farMinWindow, w);
            } else {
                wheel[(int) (w & (WHEEL_WINDOWS - 1))].addFrom(batch, i);
            }
        }
    }

    /** Plays window {@code w}: [w * windowNs, (w + 1) * windowNs). */
    void runWindow(long w) {
        if (window == NONE || w / WHEEL_WINDOWS != window / WHEEL_WINDOWS) refillFromFar(w);
        window = w;
        windowEndNs = (w + 1) * windowNs;
        EventBuffer bucket = wheel[(int) (w & (WHEEL_WINDOWS - 1))];
        bucket.sort();
        int i = 0;
        // Merge the sorted bucket with the timers nodes set inside this window, in the total order.
        while (i < bucket.size() || inWindow.size() > 0) {
            if (inWindow.size() > 0 && (i == bucket.size() || inWindow.before(0, bucket, i))) {
                playInWindowTimer();
            } else {
                play(bucket, i++);
            }
        }
        events += bucket.size();
        bucket.clear();
    }

    private void playInWindowTimer() {
        long timeNs = inWindow.timeNs(0);
        int node = inWindow.destination(0);
        int seq = inWindow.sequence(0);
        long payload = inWindow.payload(0);
        inWindow.heapRemoveTop();
        events++;
        play(timeNs, node, seq, node, EventBuffer.KIND_TIMER, payload, null);
    }

    private void play(EventBuffer bucket, int i) {
        play(bucket.timeNs(i), bucket.source(i), bucket.sequence(i), bucket.destination(i), bucket.kind(i),
                bucket.payload(i), bucket.attachment(i));
    }

    private void play(long timeNs, int source, int seq, int node, int kind, long payload, Object attachment) {
        nowNs = timeNs;
        int local = node - firstNode;
        // The node's own trace, chained in the order it saw events: any reordering changes it.
        long h = SplitMix64.mix(timeNs ^ SplitMix64.mix(((long) source << 32 | seq) + kind));
        digest[local] = SplitMix64.mix(digest[local] ^ h ^ SplitMix64.mix(payload));
        if (kind == EventBuffer.KIND_TIMER) {
            workload.onTimer(this, node, timeNs, payload);
        } else {
            workload.onMessage(this, node, timeNs, source, payload, attachment);
        }
    }

    private void enqueue(long timeNs, int source, int seq, int node, int kind, long payload, Object attachment) {
        long w = timeNs / windowNs;
        if (w - Math.max(window, 0) >= WHEEL_WINDOWS) {
            far.add(timeNs, source, seq, node, kind, payload, attachment);
            farMinWindow = Math.min(farMinWindow, w);
        } else {
            wheel[(int) (w & (WHEEL_WINDOWS - 1))].add(timeNs, source, seq, node, kind, payload, attachment);
        }
    }

    /** Once per wheel turn: moves far events that fall in this turn into the wheel. */
    private void refillFromFar(long w) {
        if (farMinWindow == Long.MAX_VALUE) return;
        long turnEnd = (w / WHEEL_WINDOWS + 1) * WHEEL_WINDOWS;
        EventBuffer keep = new EventBuffer(far.size());
        long keepMin = Long.MAX_VALUE;
        for (int i = 0; i < far.size(); i++) {
            long ew = far.timeNs(i) / windowNs;
            if (ew < turnEnd) {
                wheel[(int) (ew & (WHEEL_WINDOWS - 1))].addFrom(far, i);
            } else {
                keep.addFrom(far, i);
                keepMin = Math.min(keepMin, ew);
            }
        }
        far.clear();
        for (int i = 0; i < keep.size(); i++) far.addFrom(keep, i);
        farMinWindow = keepMin;
    }

    /** The next window holding an event of this region, or {@link Long#MAX_VALUE}. */
    long nextWindow() {
        long from = window == NONE ? 0 : window + 1;
        for (long w = from; w < from + WHEEL_WINDOWS; w++) {
            if (w >= farMinWindow) return farMinWindow;
            if (wheel[(int) (w & (WHEEL_WINDOWS - 1))].size() > 0) return w;
        }
        return farMinWindow;
    }

    /** Hands over this window's batches for other regions (entry {@code r} for region r, null for self). */
    EventBuffer[] takeOutbound() {
        EventBuffer[] out = outbound;
        outbound = freshOutbound();
        return out;
    }

    private EventBuffer[] freshOutbound() {
        EventBuffer[] out = new EventBuffer[partition.regions()];
        for (int r = 0; r < out.length; r++) {
            if (r != index) out[r] = new EventBuffer(16);
        }
        return out;
    }

    /** Events played so far. */
    long events() {
        return events;
    }

    /**
     * This region's share of the trace digest: a sum of per-node digests keyed by node id, so the
     * total is the same however the nodes are split into regions.
     */
    long digestShare() {
        long sum = 0;
        for (int i = 0; i < nodeCount; i++) sum += SplitMix64.mix(digest[i] + (firstNode + i) * SplitMix64.GAMMA);
        return sum;
    }

    public int index() {
        return index;
    }

    int firstNode() {
        return firstNode;
    }

    int nodeCount() {
        return nodeCount;
    }
}
