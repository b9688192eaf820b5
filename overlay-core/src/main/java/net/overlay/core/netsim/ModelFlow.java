package net.overlay.core.netsim;

import static net.overlay.core.netsim.LinkModel.PACKET_BYTES;

import java.util.Arrays;
import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.Feedback;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.ReceiverHook;

/**
 * One always-backlogged flow of the {@link LinkModel}: a sender that sends whenever the window
 * and pacing allow, measures RTT after RFC 9002, declares losses by packet threshold 3 and time
 * threshold 9/8, fires probe timeouts, computes delivery-rate samples (BBR's method), and feeds
 * the controller; and the receiver, which acknowledges every packet at once and runs the
 * controller's receiver hook. It records what the reports need.
 */
public final class ModelFlow {
    static final int START = 0;
    private static final int SEND = 1;
    private static final int LOSS = 2;
    private static final int PTO = 3;
    private static final int RECEIVER = 4;
    /** RFC 9002 6.1.1: kPacketThreshold. */
    private static final int PACKET_THRESHOLD = 3;
    private static final byte IN_FLIGHT = 1;
    private static final byte ACKED = 2;
    private static final byte LOST = 3;

    /** The controller under test; tests read its state. */
    public final CongestionControl cc;
    private final ReceiverHook hook;
    private final LinkModel link;
    private final ModelRtt rtt = new ModelRtt();
    /** Per timer kind: when it should fire, and the earliest event already queued for it. */
    private final long[] deadlineNs = new long[5];
    private final long[] queuedNs = new long[5];

    private final LongSeries sentNs = new LongSeries();
    private final LongSeries deliveredAtSend = new LongSeries();
    private final LongSeries deliveredTimeAtSend = new LongSeries();
    private final LongSeries firstSentAtSend = new LongSeries();
    private byte[] state = new byte[1024];
    private long nextPacketNumber;
    private long oldestUnacked;
    private long largestAcked = -1;
    private long bytesInFlight;
    private long delivered;
    private long deliveredTimeNs;
    private long firstSentTimeNs;
    private long lastSentNs;
    private long nextSendNs;
    private int ptoCount;
    private int probeCredit;

    final LongSeries departuresNs = new LongSeries();
    final LongSeries sojournsNs = new LongSeries();
    final LongSeries arrivalsNs = new LongSeries();
    final LongSeries queueSamples = new LongSeries();
    final LongSeries queueSampleTimesNs = new LongSeries();
    long randomDrops;
    long queueDrops;
    long declaredLost;
    long congestionEvents;
    private final LongSeries arrivedSentNs = new LongSeries();

    ModelFlow(LinkModel link, CongestionControl cc, ReceiverHook hook) {
        this.link = link;
        this.cc = cc;
        this.hook = hook;
        Arrays.fill(deadlineNs, Long.MAX_VALUE);
        Arrays.fill(queuedNs, Long.MAX_VALUE);
    }

    // ---- timers: lazily queued, so that re-arming on every ack costs no event

    private void arm(int timer, long atNs) {
        deadlineNs[timer] = atNs;
        if (atNs < queuedNs[timer]) {
            queuedNs[timer] = atNs;
            link.schedule(atNs, LinkModel.Kind.TIMER, this, timer, null);
        }
    }

    void onTimer(long nowNs, int timer) {
        if (timer == START) {
            trySend(nowNs);
            return;
        }
        if (nowNs != queuedNs[timer]) {
            return; // superseded by an earlier event for the same timer
        }
        queuedNs[timer] = Long.MAX_VALUE;
        if (deadlineNs[timer] == Long.MAX_VALUE) {
            return;
        }
        if (nowNs < deadlineNs[timer]) {
            arm(timer, deadlineNs[timer]);
            return;
        }
        deadlineNs[timer] = Long.MAX_VALUE;
        switch (timer) {
            case SEND -> trySend(nowNs);
            case LOSS -> {
                detectLosses(nowNs);
                trySend(nowNs);
            }
            case PTO -> {
                ptoCount++;
                cc.onPto(nowNs, ptoCount);
                probeCredit = 2; // RFC 9002 6.2.4: up to two probes, regardless of the window
                trySend(nowNs);
            }
            case RECEIVER -> pollHook(nowNs);
            default -> throw new IllegalStateException("timer " + timer);
        }
    }

    // ---- sender

    private void trySend(long nowNs) {
        while (true) {
            boolean probe = probeCredit > 0;
            if (!probe && bytesInFlight + PACKET_BYTES > cc.congestionWindowBytes()) {
                return;
            }
            if (!probe && nowNs < nextSendNs) {
                arm(SEND, nextSendNs);
                return;
            }
            if (probe) {
                probeCredit--;
            }
            sendOne(nowNs);
            long rate = cc.pacingRateBytesPerSec();
            if (rate <= 0) {
                // RFC 9002 7.7: pace at 1.25 x window / smoothed RTT when the controller does not.
                rate = Math.max(1, (long) (1.25 * cc.congestionWindowBytes() * 1e9 / rtt.smoothedRttNs()));
            }
            nextSendNs = Math.max(nextSendNs, nowNs) + (long) (PACKET_BYTES * 1e9 / rate);
        }
    }

    private void sendOne(long nowNs) {
        long pn = nextPacketNumber++;
        if (pn >= state.length) {
            state = Arrays.copyOf(state, state.length * 2);
        }
        if (bytesInFlight == 0) {
            // Delivery-rate estimation: a flight starting from idle starts its interval afresh.
            firstSentTimeNs = nowNs;
            deliveredTimeNs = nowNs;
        }
        state[(int) pn] = IN_FLIGHT;
        sentNs.add(nowNs);
        deliveredAtSend.add(delivered);
        deliveredTimeAtSend.add(deliveredTimeNs);
        firstSentAtSend.add(firstSentTimeNs);
        bytesInFlight += PACKET_BYTES;
        lastSentNs = nowNs;
        cc.onPacketSent(nowNs, pn, PACKET_BYTES, bytesInFlight);
        arm(PTO, lastSentNs + (rtt.ptoNs() << Math.min(ptoCount, 20)));
        link.enqueue(this, pn);
    }

    void onAckArrived(long nowNs, long pn) {
        int i = (int) pn;
        if (state[i] != IN_FLIGHT) {
            return; // already declared lost: RFC 9002 lets the sender ignore a late ack for cc
        }
        state[i] = ACKED;
        bytesInFlight -= PACKET_BYTES;
        delivered += PACKET_BYTES;
        deliveredTimeNs = nowNs;
        firstSentTimeNs = sentNs.get(i);
        if (pn > largestAcked) {
            largestAcked = pn;
            rtt.update(nowNs - sentNs.get(i));
        }
        detectLosses(nowNs);
        long intervalNs = Math.max(sentNs.get(i) - firstSentAtSend.get(i), nowNs - deliveredTimeAtSend.get(i));
        cc.onAck(new AckSample(nowNs, PACKET_BYTES, 1, pn, sentNs.get(i), bytesInFlight,
                delivered - deliveredAtSend.get(i), intervalNs, false), rtt);
        ptoCount = 0;
        deadlineNs[PTO] = bytesInFlight > 0 ? lastSentNs + rtt.ptoNs() : Long.MAX_VALUE;
        if (bytesInFlight > 0) {
            arm(PTO, deadlineNs[PTO]);
        }
        trySend(nowNs);
    }

    /** RFC 9002 6.1: packet threshold 3 and time threshold 9/8 RTT, one congestion event per call. */
    private void detectLosses(long nowNs) {
        long lossDelayNs = rtt.lossDelayNs();
        long lostCount = 0;
        long firstLost = -1;
        long largestLost = -1;
        deadlineNs[LOSS] = Long.MAX_VALUE;
        for (long p = oldestUnacked; p < largestAcked; p++) {
            int i = (int) p;
            if (state[i] != IN_FLIGHT) {
                continue;
            }
            if (largestAcked - p >= PACKET_THRESHOLD || sentNs.get(i) <= nowNs - lossDelayNs) {
                state[i] = LOST;
                bytesInFlight -= PACKET_BYTES;
                firstLost = firstLost < 0 ? p : firstLost;
                largestLost = p;
                lostCount++;
            } else {
                arm(LOSS, sentNs.get(i) + lossDelayNs);
                break;
            }
        }
        while (oldestUnacked < nextPacketNumber && state[(int) oldestUnacked] != IN_FLIGHT) {
            oldestUnacked++;
        }
        if (lostCount == 0) {
            return;
        }
        declaredLost += lostCount;
        congestionEvents++;
        // RFC 9002 7.6.2: all packets across more than three PTOs lost, after an RTT sample.
        boolean contiguous = lostCount == largestLost - firstLost + 1;
        long spanNs = sentNs.get((int) largestLost) - sentNs.get((int) firstLost);
        boolean persistent = contiguous && rtt.hasSample() && spanNs > 3 * rtt.ptoNs();
        cc.onCongestionEvent(new LossSample(nowNs, lostCount * PACKET_BYTES, (int) lostCount, largestLost,
                sentNs.get((int) largestLost), persistent, bytesInFlight), rtt);
    }

    void onFeedbackArrived(long nowNs, Feedback feedback) {
        cc.onFeedback(nowNs, feedback);
        trySend(nowNs);
    }

    // ---- receiver

    void onArrive(long nowNs, long pn) {
        arrivalsNs.add(nowNs);
        arrivedSentNs.add(sentNs.get((int) pn));
        link.sendBack(this, LinkModel.Kind.ACK, pn, null);
        if (hook != null) {
            hook.onPacketReceived(nowNs, pn, PACKET_BYTES);
            pollHook(nowNs);
        }
    }

    private void pollHook(long nowNs) {
        for (Feedback f = hook.pollFeedback(nowNs); f != null; f = hook.pollFeedback(nowNs)) {
            link.sendBack(this, LinkModel.Kind.FEEDBACK, 0, f);
        }
        long t = hook.pollTimeoutNs();
        if (t != Long.MAX_VALUE) {
            arm(RECEIVER, Math.max(t, nowNs));
        }
    }

    void recordDeparture(long nowNs, long sojournNs) {
        departuresNs.add(nowNs);
        sojournsNs.add(sojournNs);
    }

    /** Congestion events (loss detection passes that declared packets lost) over the whole run. */
    public long congestionEvents() {
        return congestionEvents;
    }

    /** Packets that reached the receiver so far. */
    public int arrivals() {
        return arrivalsNs.size();
    }

    /** When the {@code i}-th arriving packet reached the receiver. */
    public long arrivalNs(int i) {
        return arrivalsNs.get(i);
    }

    /** When the {@code i}-th arriving packet was sent (for the Sprout paper's self-inflicted delay). */
    public long arrivalSentNs(int i) {
        return arrivedSentNs.get(i);
    }

    public long packetsSent() {
        return nextPacketNumber;
    }

    /** What happened between {@code fromNs} and {@code toNs}. */
    public FlowReport report(long fromNs, long toNs) {
        return FlowReport.of(this, fromNs, toNs);
    }
}
