package net.overlay.core.netsim;

import java.util.ArrayDeque;

/**
 * One direction of a modelled path for whole transports (not the {@link LinkModel}'s abstract
 * packets): an optional bottleneck FIFO served at the opportunities of a {@link DeliverySchedule}
 * with per-byte accounting, then a fixed propagation delay.
 *
 * <p>Per-byte accounting, as Mahimahi's link emulator does: each opportunity carries {@link
 * LinkModel#PACKET_BYTES} bytes; a packet smaller than that uses part of it and the next queued
 * packet may use the rest; a packet larger than what is left continues at the next opportunity.
 * Bytes of an opportunity that find the queue empty are wasted. A packet counts its wire size:
 * the transport payload plus {@code overheadBytes} (the sealed packet's header and tag, the
 * UDP/IP headers). Optional drop-tail at {@code queueLimitBytes} ({@link LinkModel#UNBOUNDED} by
 * default, as in the Sprout paper's emulation).
 *
 * <p>Deterministic, no randomness; single-threaded. Called by {@link TransportTracePair}.
 */
public final class ModelPath {
    /** A packet that reached the far end. */
    public record Delivery(long atNs, long packetNumber, byte[] payload) {}

    private static final class Queued {
        final long packetNumber;
        final byte[] payload;
        final long enqueuedNs;
        long bytesLeft;

        Queued(long packetNumber, byte[] payload, long enqueuedNs, long wireBytes) {
            this.packetNumber = packetNumber;
            this.payload = payload;
            this.enqueuedNs = enqueuedNs;
            this.bytesLeft = wireBytes;
        }
    }

    private final DeliverySchedule scheduleOrNull;
    private final long delayNs;
    private final long queueLimitBytes;
    private final int overheadBytes;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final ArrayDeque<Delivery> inFlight = new ArrayDeque<>();
    private long queuedBytes;
    private long nextOpportunityNs = Long.MAX_VALUE;
    private long packetsSent;
    private long packetsDropped;
    private long bytesDelivered;
    private long lastQueueDelayNs;

    private ModelPath(DeliverySchedule scheduleOrNull, long delayNs, long queueLimitBytes, int overheadBytes) {
        if (delayNs < 0 || queueLimitBytes <= 0 || overheadBytes < 0) {
            throw new IllegalArgumentException("delay, queue limit and overhead must be positive");
        }
        this.scheduleOrNull = scheduleOrNull;
        this.delayNs = delayNs;
        this.queueLimitBytes = queueLimitBytes;
        this.overheadBytes = overheadBytes;
    }

    /** A trace-driven bottleneck then {@code delayNs}. */
    public static ModelPath bottleneck(DeliverySchedule schedule, long delayNs, long queueLimitBytes,
            int overheadBytes) {
        return new ModelPath(java.util.Objects.requireNonNull(schedule, "schedule"), delayNs, queueLimitBytes,
                overheadBytes);
    }

    /** No bottleneck: every packet arrives {@code delayNs} after it was sent. */
    public static ModelPath fixedDelay(long delayNs) {
        return new ModelPath(null, delayNs, LinkModel.UNBOUNDED, 0);
    }

    /** A packet leaves the sender; false when the full queue dropped it. */
    public boolean send(long nowNs, long packetNumber, byte[] payload) {
        packetsSent++;
        if (scheduleOrNull == null) {
            inFlight.addLast(new Delivery(nowNs + delayNs, packetNumber, payload));
            return true;
        }
        long wire = payload.length + (long) overheadBytes;
        if (queueLimitBytes != LinkModel.UNBOUNDED && queuedBytes + wire > queueLimitBytes) {
            packetsDropped++;
            return false;
        }
        queue.addLast(new Queued(packetNumber, payload, nowNs, wire));
        queuedBytes += wire;
        if (nextOpportunityNs == Long.MAX_VALUE) {
            nextOpportunityNs = scheduleOrNull.next(nowNs);
        }
        return true;
    }

    /** Serves every opportunity up to {@code nowNs}. */
    public void advance(long nowNs) {
        while (nextOpportunityNs <= nowNs) {
            long t = nextOpportunityNs;
            long budget = LinkModel.PACKET_BYTES;
            while (budget > 0 && !queue.isEmpty()) {
                Queued q = queue.peekFirst();
                long used = Math.min(budget, q.bytesLeft);
                q.bytesLeft -= used;
                budget -= used;
                queuedBytes -= used;
                if (q.bytesLeft == 0) {
                    queue.pollFirst();
                    lastQueueDelayNs = t - q.enqueuedNs;
                    bytesDelivered += q.payload.length + overheadBytes;
                    inFlight.addLast(new Delivery(t + delayNs, q.packetNumber, q.payload));
                }
            }
            nextOpportunityNs = queue.isEmpty() ? Long.MAX_VALUE : scheduleOrNull.next(t);
        }
    }

    /** The earliest time something happens here: an opportunity to serve, or an arrival. */
    public long nextEventNs() {
        Delivery d = inFlight.peekFirst();
        return Math.min(nextOpportunityNs, d == null ? Long.MAX_VALUE : d.atNs());
    }

    /** The next packet that has arrived by {@code nowNs}, or null (FIFO: the delay is fixed). */
    public Delivery poll(long nowNs) {
        Delivery d = inFlight.peekFirst();
        return d != null && d.atNs() <= nowNs ? inFlight.pollFirst() : null;
    }

    /** Wire bytes waiting in the bottleneck. */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** How long the last packet to leave the bottleneck waited in it. */
    public long lastQueueDelayNs() {
        return lastQueueDelayNs;
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long packetsDropped() {
        return packetsDropped;
    }

    /** Wire bytes that left the bottleneck (cumulative). */
    public long bytesDelivered() {
        return bytesDelivered;
    }
}
