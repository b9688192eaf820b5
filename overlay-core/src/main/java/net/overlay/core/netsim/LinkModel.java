package net.overlay.core.netsim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.Feedback;

/**
 * A discrete-event model of flows over one bottleneck, to test controllers on: each packet
 * enters a FIFO queue (drop-tail at {@code queueLimitBytes}, optional seeded random loss in front
 * of it), leaves at the next opportunity of a {@link DeliverySchedule}, reaches the receiver after
 * a fixed one-way delay, and is acknowledged at once; the acknowledgement (and any receiver-hook
 * feedback) takes the same delay back. The senders ({@link ModelFlow}) are always backlogged.
 * Events at the same time run in the order they were scheduled, so a run is deterministic.
 *
 * <p>Callers: the congestion-control tests of overlay-core and the lab's {@code cc-cellular}
 * scenario. Single-threaded: one model per thread; separate models share nothing.
 */
public final class LinkModel {
    /** All model packets have Mahimahi's size, so one trace opportunity drains one packet. */
    public static final int PACKET_BYTES = 1500;
    /** No queue limit: the FIFO grows as deep as the senders fill it (cellular buffers, per the Sprout paper). */
    public static final long UNBOUNDED = Long.MAX_VALUE;

    enum Kind { TIMER, DEPART, ARRIVE, ACK, FEEDBACK }

    record Event(long timeNs, long seq, Kind kind, ModelFlow flow, long value, Object payload) {}

    private record Queued(ModelFlow flow, long packetNumber, long enqueuedNs) {}

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.timeNs != b.timeNs
            ? Long.compare(a.timeNs, b.timeNs) : Long.compare(a.seq, b.seq));
    private final long oneWayDelayNs;
    private final DeliverySchedule schedule;
    private final long queueLimitBytes;
    private final double randomLoss;
    private final SplittableRandom random;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final List<ModelFlow> flows = new ArrayList<>();
    private long queuedBytes;
    private boolean departScheduled;
    private long seq;
    private long nowNs;

    public LinkModel(long oneWayDelayNs, DeliverySchedule schedule, long queueLimitBytes, double randomLoss, long seed) {
        this.oneWayDelayNs = oneWayDelayNs;
        this.schedule = schedule;
        this.queueLimitBytes = queueLimitBytes;
        this.randomLoss = randomLoss;
        this.random = new SplittableRandom(seed);
    }

    /** A lossless link with an unbounded queue. */
    public LinkModel(long oneWayDelayNs, DeliverySchedule schedule) {
        this(oneWayDelayNs, schedule, UNBOUNDED, 0, 1);
    }

    public ModelFlow addFlow(CongestionControlFactory factory, long startNs) {
        return addFlow(factory, Map.of(), startNs);
    }

    public ModelFlow addFlow(CongestionControlFactory factory, Map<String, String> parameters, long startNs) {
        var defaults = CongestionConfig.defaults(PACKET_BYTES, 42 + flows.size());
        var config = new CongestionConfig(PACKET_BYTES, defaults.initialWindowBytes(),
                defaults.minimumWindowBytes(), defaults.seed(), parameters);
        var flow = new ModelFlow(this, factory.create(config), factory.createReceiverHook(config));
        flows.add(flow);
        schedule(startNs, Kind.TIMER, flow, ModelFlow.START, null);
        return flow;
    }

    /** Runs every event up to and including {@code untilNs}. */
    public void run(long untilNs) {
        while (!events.isEmpty() && events.peek().timeNs() <= untilNs) {
            Event e = events.poll();
            nowNs = e.timeNs();
            switch (e.kind()) {
                case TIMER -> e.flow().onTimer(nowNs, (int) e.value());
                case DEPART -> depart();
                case ARRIVE -> e.flow().onArrive(nowNs, e.value());
                case ACK -> e.flow().onAckArrived(nowNs, e.value());
                case FEEDBACK -> e.flow().onFeedbackArrived(nowNs, (Feedback) e.payload());
            }
        }
        nowNs = untilNs;
    }

    public long nowNs() {
        return nowNs;
    }

    void schedule(long atNs, Kind kind, ModelFlow flow, long value, Object payload) {
        events.add(new Event(atNs, seq++, kind, flow, value, payload));
    }

    /** A packet leaves the sender: random loss, then the drop-tail queue. */
    void enqueue(ModelFlow flow, long packetNumber) {
        if (randomLoss > 0 && random.nextDouble() < randomLoss) {
            flow.randomDrops++;
            return;
        }
        if (queueLimitBytes != UNBOUNDED && queuedBytes + PACKET_BYTES > queueLimitBytes) {
            flow.queueDrops++;
            return;
        }
        flow.queueSamples.add(queue.size());
        flow.queueSampleTimesNs.add(nowNs);
        queue.add(new Queued(flow, packetNumber, nowNs));
        queuedBytes += PACKET_BYTES;
        if (!departScheduled) {
            scheduleDeparture(nowNs);
        }
    }

    private void scheduleDeparture(long atNs) {
        long t = schedule.next(atNs);
        if (t != Long.MAX_VALUE) {
            schedule(t, Kind.DEPART, null, 0, null);
            departScheduled = true;
        }
    }

    private void depart() {
        departScheduled = false;
        Queued q = queue.poll();
        queuedBytes -= PACKET_BYTES;
        q.flow().recordDeparture(nowNs, nowNs - q.enqueuedNs());
        schedule(nowNs + oneWayDelayNs, Kind.ARRIVE, q.flow(), q.packetNumber(), null);
        if (!queue.isEmpty()) {
            scheduleDeparture(nowNs);
        }
    }

    /** The receiver's acknowledgement or feedback travels back. */
    void sendBack(ModelFlow flow, Kind kind, long value, Object payload) {
        schedule(nowNs + oneWayDelayNs, kind, flow, value, payload);
    }
}
