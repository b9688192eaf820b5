package net.overlay.core.proto.transport;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One direction of a simulated path for transport tests, in virtual time: a drop-tail
 * bottleneck queue drained at a fixed rate, then a one-way delay, with random (Bernoulli) or
 * bursty (Gilbert-Elliott) loss, reordering (some packets take a detour) and duplication. Seeded,
 * so runs repeat exactly.
 */
final class Link {
    /** A packet on its way: plaintext frames with their packet number. */
    record Delivery(long atNs, long seq, long packetNumber, byte[] payload) {
    }

    private final SplittableRandom random;
    private final PriorityQueue<Delivery> inFlight = new PriorityQueue<>(
            (a, b) -> a.atNs() != b.atNs() ? Long.compare(a.atNs(), b.atNs()) : Long.compare(a.seq(), b.seq()));
    private Impairment impairment;
    private long seq;
    private long queueFreeAtNs;
    private boolean badState;
    long sent;
    long lost;
    long queueDrops;
    long duplicated;

    Link(Impairment impairment, long seed) {
        this.impairment = impairment;
        this.random = new SplittableRandom(seed);
    }

    /** Changes the path from now on (packets already on their way keep their times). */
    void setImpairment(Impairment next) {
        this.impairment = next;
    }

    void send(long nowNs, long packetNumber, byte[] payload) {
        sent++;
        Impairment imp = impairment;
        if (isLost(imp)) {
            lost++;
            return;
        }
        long departNs = nowNs;
        if (imp.rateBytesPerSec() > 0) {
            long start = Math.max(nowNs, queueFreeAtNs);
            long queuedBytes = (start - nowNs) * imp.rateBytesPerSec() / 1_000_000_000L;
            if (queuedBytes + payload.length > imp.queueLimitBytes()) {
                queueDrops++;
                return;
            }
            queueFreeAtNs = start + payload.length * 1_000_000_000L / imp.rateBytesPerSec();
            departNs = queueFreeAtNs;
        }
        long atNs = departNs + imp.delayNs();
        if (imp.reorderRate() > 0 && random.nextDouble() < imp.reorderRate()) {
            atNs += 1 + random.nextLong(imp.reorderExtraNs());
        }
        inFlight.add(new Delivery(atNs, seq++, packetNumber, payload));
        if (imp.duplicateRate() > 0 && random.nextDouble() < imp.duplicateRate()) {
            duplicated++;
            inFlight.add(new Delivery(atNs + 1 + random.nextLong(1_000_000L), seq++, packetNumber, payload));
        }
    }

    private boolean isLost(Impairment imp) {
        if (imp.gilbertGoodToBad() > 0) {
            // Gilbert-Elliott: a two-state Markov chain, losing mostly in the bad state.
            badState = badState ? random.nextDouble() >= imp.gilbertBadToGood() : random.nextDouble() < imp.gilbertGoodToBad();
            return random.nextDouble() < (badState ? imp.gilbertBadLoss() : imp.lossRate());
        }
        return imp.lossRate() > 0 && random.nextDouble() < imp.lossRate();
    }

    /** The old path died: whatever was on its way is gone. */
    void dropInFlight() {
        lost += inFlight.size();
        inFlight.clear();
    }

    long nextDeliveryNs() {
        Delivery d = inFlight.peek();
        return d == null ? Long.MAX_VALUE : d.atNs();
    }

    /** The next packet due at or before {@code nowNs}, or null. */
    Delivery poll(long nowNs) {
        Delivery d = inFlight.peek();
        return d != null && d.atNs() <= nowNs ? inFlight.poll() : null;
    }
}
