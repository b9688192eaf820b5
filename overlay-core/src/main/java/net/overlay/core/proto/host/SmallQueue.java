package net.overlay.core.proto.host;

import java.util.Objects;

/**
 * A FIFO queue that holds no array while it is empty: a machine's outgoing datagrams and events
 * are queued for a moment and drained at once by the host, so between inputs every queue is empty.
 * An {@code ArrayDeque} keeps its array for good (40 to 90 bytes each, five or six per agent: about
 * 0.3 KB per simulated device, issue #5); this one drops it when the last element leaves and makes
 * a small one again at the next add, cheap young garbage. Not thread-safe; no null elements.
 *
 * @param <T> element type
 */
public final class SmallQueue<T> {
    private static final int FIRST_CAPACITY = 2;

    private Object[] items;
    private int head;
    private int size;

    /** Appends {@code item} at the tail. */
    public void add(T item) {
        Objects.requireNonNull(item, "item");
        if (items == null) {
            items = new Object[FIRST_CAPACITY];
        } else if (size == items.length) {
            Object[] grown = new Object[size * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = items[(head + i) & (size - 1)];
            }
            items = grown;
            head = 0;
        }
        items[(head + size) & (items.length - 1)] = item;
        size++;
    }

    /** Removes and returns the head, or null when empty. */
    @SuppressWarnings("unchecked")
    public T poll() {
        if (size == 0) {
            return null;
        }
        T item = (T) items[head];
        if (--size == 0) {
            items = null;
            head = 0;
        } else {
            items[head] = null;
            head = (head + 1) & (items.length - 1);
        }
        return item;
    }

    /** The head without removing it, or null when empty. */
    @SuppressWarnings("unchecked")
    public T peek() {
        return size == 0 ? null : (T) items[head];
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** Removes everything. */
    public void clear() {
        items = null;
        head = 0;
        size = 0;
    }
}
