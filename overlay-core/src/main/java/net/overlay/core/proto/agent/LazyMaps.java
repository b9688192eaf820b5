package net.overlay.core.proto.agent;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps that cost nothing while empty: a field holds the shared {@link Collections#emptyMap()} until
 * its first entry and goes back to it when its last entry leaves. A simulator holds a million agents,
 * most of which never see a punch, an offer or a client; their empty {@code HashMap}s, tables and
 * iteration views were about 0.5 KB each (issue #5). Reads, iteration and removals work on the empty
 * map as on any other; writers call {@link #writable} first.
 */
final class LazyMaps {
    private LazyMaps() {}

    /** {@code m} itself, or a new small HashMap in place of the shared empty one. */
    static <K, V> Map<K, V> writable(Map<K, V> m) {
        return m instanceof HashMap<K, V> ? m : new HashMap<>(4);
    }

    /** The shared empty map when {@code m} has no entry left, else {@code m}. */
    static <K, V> Map<K, V> compact(Map<K, V> m) {
        return m.isEmpty() ? Collections.emptyMap() : m;
    }
}
