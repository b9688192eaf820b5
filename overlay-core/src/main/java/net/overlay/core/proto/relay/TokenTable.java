package net.overlay.core.proto.relay;

/**
 * Allocations by token: an open-addressing hash table keyed by primitive longs, so that the
 * per-packet lookup boxes nothing. Token 0 is never issued, so it marks an empty slot. Linear
 * probing with backward-shift deletion (no tombstones); the table doubles at half full. Keys are
 * random 64-bit tokens, so a multiplicative hash spreads them; a lookup of an attacker's chosen
 * token only probes, it never inserts. Not thread-safe.
 */
final class TokenTable {
    private static final int INITIAL_CAPACITY = 64;
    /** 2^64 divided by the golden ratio: Fibonacci hashing's multiplier. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long[] keys = new long[INITIAL_CAPACITY];
    private Allocation[] values = new Allocation[INITIAL_CAPACITY];
    /** 64 minus log2 of the capacity: the hash's top bits pick the home slot. */
    private int shift = 64 - Integer.numberOfTrailingZeros(INITIAL_CAPACITY);
    private int size;

    int size() {
        return size;
    }

    Allocation get(long token) {
        if (token == 0) {
            return null;
        }
        int mask = keys.length - 1;
        for (int i = slot(token); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == token) {
                return values[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    boolean contains(long token) {
        return get(token) != null;
    }

    /** Adds {@code token}, which must be non-zero and absent. */
    void put(long token, Allocation value) {
        if (token == 0 || value == null) {
            throw new IllegalArgumentException("token 0 and null values are not stored");
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(token);
        while (keys[i] != 0) {
            if (keys[i] == token) {
                throw new IllegalArgumentException("token already present");
            }
            i = (i + 1) & mask;
        }
        keys[i] = token;
        values[i] = value;
        size++;
    }

    /** Removes {@code token} if present. */
    void remove(long token) {
        if (token == 0) {
            return;
        }
        int mask = keys.length - 1;
        int i = slot(token);
        while (keys[i] != token) {
            if (keys[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        // Backward shift: move later members of the probe run into the hole when their home slot
        // allows it, so that lookups never stop early at a gap.
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        values[hole] = null;
        size--;
    }

    private void grow() {
        long[] oldKeys = keys;
        Allocation[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Allocation[oldKeys.length * 2];
        shift--;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private int slot(long token) {
        return (int) ((token * GOLDEN) >>> shift);
    }
}
