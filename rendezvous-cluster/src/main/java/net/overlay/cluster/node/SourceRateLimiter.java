package net.overlay.cluster.node;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A token bucket per source IP (the port is ignored: a flooder picks ports freely). Time comes in
 * as {@code nowNs}; no clock, no threads. The table is bounded: when full, sources whose bucket has
 * refilled (idle ones) are forgotten, and if none has, new sources are refused until some have.
 * Not thread-safe: one per protocol thread.
 */
final class SourceRateLimiter {
    /** What became of one datagram. */
    enum Verdict { PASS, RATE_LIMITED, TABLE_FULL }

    private static final class Bucket {
        double tokens;
        long lastNs;
    }

    private final double ratePerNs;
    private final double burst;
    private final int maxSources;
    private final Map<InetAddress, Bucket> buckets = new HashMap<>();

    SourceRateLimiter(double perSecond, double burst, int maxSources) {
        if (!(perSecond > 0) || !(burst >= 1) || maxSources < 1) {
            throw new IllegalArgumentException("need perSecond > 0, burst >= 1, maxSources >= 1");
        }
        this.ratePerNs = perSecond / 1e9;
        this.burst = burst;
        this.maxSources = maxSources;
    }

    Verdict admit(long nowNs, InetAddress source) {
        Bucket b = buckets.get(source);
        if (b == null) {
            if (buckets.size() >= maxSources && !evictIdle(nowNs)) {
                return Verdict.TABLE_FULL;
            }
            b = new Bucket();
            b.tokens = burst;
            b.lastNs = nowNs;
            buckets.put(source, b);
        } else {
            b.tokens = Math.min(burst, b.tokens + Math.max(0, nowNs - b.lastNs) * ratePerNs);
            b.lastNs = nowNs;
        }
        if (b.tokens < 1) {
            return Verdict.RATE_LIMITED;
        }
        b.tokens -= 1;
        return Verdict.PASS;
    }

    int trackedSources() {
        return buckets.size();
    }

    /** Forgets every source whose bucket is full again; true if any was. */
    private boolean evictIdle(long nowNs) {
        boolean any = false;
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            if (b.tokens + Math.max(0, nowNs - b.lastNs) * ratePerNs >= burst) {
                it.remove();
                any = true;
            }
        }
        return any;
    }
}
