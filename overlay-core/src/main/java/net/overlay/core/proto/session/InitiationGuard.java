package net.overlay.core.proto.session;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import net.overlay.core.proto.wire.Bytes;

/**
 * What a responder checks before it spends Diffie-Hellman work on a handshake initiation: a token
 * bucket per source IP (bounded number of sources, least recently seen forgotten first), and a
 * memory of recent initiations by their ephemeral key, so that a replayed initiation is refused
 * (WireGuard refuses replays by a timestamp in the payload; our payload is the application's, so
 * we remember the keys instead, and the application's tickets carry nonces for older replays).
 * Not thread-safe.
 */
final class InitiationGuard {
    /** Noise IK and XX both start the first message with the 32-byte ephemeral public key. */
    static final int EPHEMERAL_BYTES = 32;

    /** An initiation seen: the session it created (0 when refused) and when it is forgotten. */
    record Seen(int localIndex, long expiresNs) {}

    private final SessionEndpointConfig config;
    private final LinkedHashMap<Object, TokenBucket> buckets;
    private final LinkedHashMap<Bytes, Seen> seen = new LinkedHashMap<>();

    InitiationGuard(SessionEndpointConfig config) {
        this.config = config;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, TokenBucket> eldest) {
                return size() > config.trackedSources();
            }
        };
    }

    /** Whether {@code source} may have one more initiation processed now. */
    boolean allow(long nowNs, InetSocketAddress source) {
        Object key = source.getAddress() != null ? source.getAddress() : source.getHostString();
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = new TokenBucket(config.initiationsPerSecondPerSource(), config.initiationBurst(), nowNs);
            buckets.put(key, bucket);
        }
        return bucket.tryTake(nowNs);
    }

    /** The initiation whose Noise message starts at {@code buf[off]} ({@code EPHEMERAL_BYTES} there), if seen. */
    Seen lookup(long nowNs, byte[] buf, int off) {
        prune(nowNs);
        return seen.get(Bytes.of(buf, off, EPHEMERAL_BYTES));
    }

    /** Remembers an authenticated initiation and the session it made (0: none). */
    void remember(long nowNs, byte[] buf, int off, int localIndex) {
        Bytes key = Bytes.of(buf, off, EPHEMERAL_BYTES);
        seen.remove(key);
        seen.put(key, new Seen(localIndex, nowNs + config.replayCacheNs()));
        prune(nowNs);
    }

    /** Drops expired entries and the oldest beyond the cap (insertion order is expiry order). */
    private void prune(long nowNs) {
        Iterator<Seen> it = seen.values().iterator();
        while (it.hasNext()) {
            Seen s = it.next();
            if (s.expiresNs() > nowNs && seen.size() <= config.replayCacheEntries()) {
                return;
            }
            it.remove();
        }
    }
}
