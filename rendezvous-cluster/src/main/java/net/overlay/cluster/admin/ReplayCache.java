package net.overlay.cluster.admin;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The nonces of signed requests seen while their timestamp is inside the window, so that a
 * captured request cannot be sent again. Bounded: at most {@code maxEntries} live entries; when
 * full of live entries it refuses new ones (fail closed) instead of forgetting nonces that could
 * then be replayed. Only requests whose signature verified reach it, so an unauthenticated flood
 * cannot fill it. Per node: a replay to another node within the window is not caught (docs/store.md).
 * Thread-safe (synchronized; admin traffic is light).
 */
final class ReplayCache {
    /** The outcome of offering a nonce. */
    enum Result { FIRST, REPLAYED, FULL }

    private final int maxEntries;
    private final Map<String, Long> expiryMsByKey = new HashMap<>();

    ReplayCache(int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("replay cache needs at least one entry");
        }
        this.maxEntries = maxEntries;
    }

    /** Records {@code key} (signer and nonce) until {@code expiresAtMs}, unless seen already. */
    synchronized Result offer(String key, long nowMs, long expiresAtMs) {
        Long expiry = expiryMsByKey.get(key);
        if (expiry != null && expiry > nowMs) {
            return Result.REPLAYED;
        }
        if (expiryMsByKey.size() >= maxEntries) {
            evictExpired(nowMs);
            if (expiryMsByKey.size() >= maxEntries) {
                return Result.FULL;
            }
        }
        expiryMsByKey.put(key, expiresAtMs);
        return Result.FIRST;
    }

    synchronized int size() {
        return expiryMsByKey.size();
    }

    private void evictExpired(long nowMs) {
        for (Iterator<Long> it = expiryMsByKey.values().iterator(); it.hasNext(); ) {
            if (it.next() <= nowMs) {
                it.remove();
            }
        }
    }
}
