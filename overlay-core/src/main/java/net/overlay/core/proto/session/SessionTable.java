package net.overlay.core.proto.session;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The endpoint's sessions by local index: open addressing with linear probing over two parallel
 * arrays, about 14 bytes a session at the maximum load of 3/4, where a {@code HashMap<Integer, Session>}
 * costs about 50 (a node and a boxed key each) and a cache miss more per lookup. Index 0 is never
 * handed out ({@link SessionEndpoint}), so it marks a free slot; looking 0 up finds nothing.
 * Removal shifts the following entries back (Knuth's algorithm R), so no tombstones accumulate.
 * Iteration order is fixed by the keys and the insertion history, never by identity hashes, so a
 * seeded run iterates the same way every time. Not thread-safe.
 */
final class SessionTable extends AbstractCollection<Session> {
    /** Small first: an agent's endpoint holds one or two sessions (a simulator keeps a million, issue #5). */
    private static final int MIN_CAPACITY = 4;

    private int[] keys = new int[MIN_CAPACITY];
    private Session[] values = new Session[MIN_CAPACITY];
    private int size;

    private static int slot(int key, int mask) {
        // Fibonacci hashing: indices are random already, but tests use small sequential ones too.
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    Session get(int key) {
        if (key == 0) {
            return null;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    boolean containsKey(int key) {
        return get(key) != null;
    }

    /** Adds or replaces the session under {@code key} (not 0). */
    void put(int key, Session value) {
        if (key == 0) {
            throw new IllegalArgumentException("index 0 is never used");
        }
        if ((size + 1) * 4L > keys.length * 3L) {
            resize(keys.length * 2);
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** Removes {@code key} if it maps to {@code value}; returns whether it did. */
    boolean remove(int key, Session value) {
        if (key == 0) {
            return false;
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != key) {
            if (keys[i] == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
        if (values[i] != value) {
            return false;
        }
        // Shift back every following entry whose home slot does not lie cyclically in (i, j].
        int gap = i;
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean between = gap <= j ? gap < home && home <= j : gap < home || home <= j;
            if (!between) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = 0;
        values[gap] = null;
        size--;
        return true;
    }

    private void resize(int capacity) {
        int[] oldKeys = keys;
        Session[] oldValues = values;
        keys = new int[capacity];
        values = new Session[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** Iterates the slots in order; the caller must not change the table while it iterates. */
    @Override
    public Iterator<Session> iterator() {
        return new Iterator<>() {
            private int next = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < keys.length && keys[i] == 0) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < keys.length;
            }

            @Override
            public Session next() {
                if (next >= keys.length) {
                    throw new NoSuchElementException();
                }
                Session s = values[next];
                next = advance(next + 1);
                return s;
            }
        };
    }
}
