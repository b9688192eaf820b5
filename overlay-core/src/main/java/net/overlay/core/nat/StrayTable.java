package net.overlay.core.nat;

/**
 * Linux conntrack entries left by unsolicited inbound packets, (remote endpoint, public port) to
 * expiry: an open-addressing table of primitive arrays, linear probing, deletion by backward shift
 * (no tombstones). A NAT holds a handful at a time, a few hundred after a birthday punch aimed at it,
 * and a simulator holds a million NATs: a {@code HashMap} with a key record and a boxed expiry per
 * entry cost 12 % of a steady-state simulation's CPU in allocation and cache misses (issue #5).
 * Empty (no arrays) until the first entry. Not thread-safe, as its {@link NatBox}.
 */
final class StrayTable {
    private static final long[] NO_LONGS = new long[0];
    private static final int[] NO_INTS = new int[0];
    private static final int FIRST_CAPACITY = 4;

    private long[] remotes = NO_LONGS;
    private int[] ports = NO_INTS;
    /** 0 marks a free slot; real expiries are positive (virtual time starts at 0, and 30 s is added). */
    private long[] expiries = NO_LONGS;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Records an entry (or moves an existing one's expiry); {@code expiresAtNs} must be positive. */
    void put(long remote, int port, long expiresAtNs) {
        if (expiresAtNs <= 0) {
            throw new IllegalArgumentException("expiry must be positive");
        }
        if ((size + 1) * 2 > remotes.length) {
            resize(Math.max(FIRST_CAPACITY, remotes.length * 2));
        }
        int mask = remotes.length - 1;
        for (int i = slot(remote, port, mask); ; i = (i + 1) & mask) {
            if (expiries[i] == 0) {
                remotes[i] = remote;
                ports[i] = port;
                expiries[i] = expiresAtNs;
                size++;
                return;
            }
            if (remotes[i] == remote && ports[i] == port) {
                expiries[i] = expiresAtNs;
                return;
            }
        }
    }

    /** Whether a live entry holds (remote, port) at {@code nowNs}; an expired one found is dropped. */
    boolean blocks(long nowNs, long remote, int port) {
        if (size == 0) {
            return false;
        }
        int mask = remotes.length - 1;
        for (int i = slot(remote, port, mask); expiries[i] != 0; i = (i + 1) & mask) {
            if (remotes[i] == remote && ports[i] == port) {
                if (expiries[i] <= nowNs) {
                    removeAt(i);
                    return false;
                }
                return true;
            }
        }
        return false;
    }

    /** Drops every entry expired at {@code nowNs}; gives the arrays back when none is left. */
    void expire(long nowNs) {
        if (size == 0) {
            return;
        }
        long[] oldRemotes = remotes;
        int[] oldPorts = ports;
        long[] oldExpiries = expiries;
        int live = 0;
        for (long e : oldExpiries) {
            if (e > nowNs) {
                live++;
            }
        }
        size = 0;
        remotes = NO_LONGS;
        ports = NO_INTS;
        expiries = NO_LONGS;
        if (live == 0) {
            return;
        }
        int capacity = FIRST_CAPACITY;
        while (capacity < live * 2) {
            capacity *= 2;
        }
        allocate(capacity);
        for (int i = 0; i < oldExpiries.length; i++) {
            if (oldExpiries[i] > nowNs) {
                put(oldRemotes[i], oldPorts[i], oldExpiries[i]);
            }
        }
    }

    private void resize(int capacity) {
        long[] oldRemotes = remotes;
        int[] oldPorts = ports;
        long[] oldExpiries = expiries;
        allocate(capacity);
        size = 0;
        for (int i = 0; i < oldExpiries.length; i++) {
            if (oldExpiries[i] != 0) {
                put(oldRemotes[i], oldPorts[i], oldExpiries[i]);
            }
        }
    }

    private void allocate(int capacity) {
        remotes = new long[capacity];
        ports = new int[capacity];
        expiries = new long[capacity];
    }

    /** Backward-shift deletion: later entries of the same probe run move up into the hole. */
    private void removeAt(int hole) {
        int mask = remotes.length - 1;
        expiries[hole] = 0;
        size--;
        for (int i = (hole + 1) & mask; expiries[i] != 0; i = (i + 1) & mask) {
            int home = slot(remotes[i], ports[i], mask);
            // move entry i into the hole when its home is not within (hole, i], cyclically
            boolean stays = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!stays) {
                remotes[hole] = remotes[i];
                ports[hole] = ports[i];
                expiries[hole] = expiries[i];
                expiries[i] = 0;
                hole = i;
            }
        }
    }

    private static int slot(long remote, int port, int mask) {
        long h = (remote ^ ((long) port << 48) ^ port) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
