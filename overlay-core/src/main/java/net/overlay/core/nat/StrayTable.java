package net.overlay.core.nat;

import java.util.Arrays;

/**
 * Linux conntrack entries left by unsolicited inbound packets, (remote endpoint, public port) to
 * expiry, in three parallel arrays searched linearly. A NAT holds a handful at a time (probes that
 * its filter dropped, each forgotten after 30 s), and a simulator holds a million NATs: a
 * {@code HashMap} with a key record and a boxed expiry per entry cost 12 % of a steady-state
 * simulation's CPU in allocation and cache misses (issue #5). Empty until the first entry.
 * Not thread-safe, as its {@link NatBox}.
 */
final class StrayTable {
    private static final long[] NO_LONGS = new long[0];
    private static final int[] NO_INTS = new int[0];

    private long[] remotes = NO_LONGS;
    private int[] ports = NO_INTS;
    private long[] expiries = NO_LONGS;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Records an entry (or moves an existing one's expiry). */
    void put(long remote, int port, long expiresAtNs) {
        int i = indexOf(remote, port);
        if (i >= 0) {
            expiries[i] = expiresAtNs;
            return;
        }
        if (size == remotes.length) {
            int capacity = Math.max(2, size * 2);
            remotes = Arrays.copyOf(remotes, capacity);
            ports = Arrays.copyOf(ports, capacity);
            expiries = Arrays.copyOf(expiries, capacity);
        }
        remotes[size] = remote;
        ports[size] = port;
        expiries[size] = expiresAtNs;
        size++;
    }

    /** Whether a live entry holds (remote, port) at {@code nowNs}; an expired one found is dropped. */
    boolean blocks(long nowNs, long remote, int port) {
        int i = indexOf(remote, port);
        if (i < 0) {
            return false;
        }
        if (expiries[i] <= nowNs) {
            removeAt(i);
            return false;
        }
        return true;
    }

    /** Drops every entry expired at {@code nowNs}; gives the arrays back when none is left. */
    void expire(long nowNs) {
        for (int i = size - 1; i >= 0; i--) {
            if (expiries[i] <= nowNs) {
                removeAt(i);
            }
        }
        if (size == 0) {
            remotes = NO_LONGS;
            ports = NO_INTS;
            expiries = NO_LONGS;
        }
    }

    private int indexOf(long remote, int port) {
        for (int i = 0; i < size; i++) {
            if (remotes[i] == remote && ports[i] == port) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int i) {
        int last = --size;
        remotes[i] = remotes[last];
        ports[i] = ports[last];
        expiries[i] = expiries[last];
    }
}
