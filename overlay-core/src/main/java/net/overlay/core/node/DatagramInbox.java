package net.overlay.core.node;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Received datagrams on their way from a {@link MachineDriver}'s socket readers to its actor. A
 * reader {@link #offer}s each datagram and tells the actor only when the inbox was not already
 * signalled, so while the actor is busy, datagrams pile up here without a message (and a thread
 * wake-up) each; the actor then {@link #drain}s them all in one duty cycle. At most {@code
 * capacity} wait; beyond that new ones are dropped and counted (UDP may drop; the protocol
 * recovers), so a flood costs bounded memory and never blocks a reader.
 *
 * <p>Threading: {@link #offer} from any number of reader threads; {@link #drain} from the actor
 * only.
 */
final class DatagramInbox {
    /** One received datagram; the array is its exact size and belongs to the machine's host. */
    record Datagram(int socket, InetSocketAddress from, byte[] data) {}

    /** What the actor does with each datagram it drains. */
    @FunctionalInterface
    interface Sink {
        void accept(Datagram d);
    }

    private final int capacity;
    private final ConcurrentLinkedQueue<Datagram> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final AtomicLong drops = new AtomicLong();

    DatagramInbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
    }

    /**
     * Queues a datagram, or drops it when {@code capacity} already wait.
     *
     * @return whether the caller must signal the actor (the inbox was not signalled yet)
     */
    boolean offer(int socket, InetSocketAddress from, byte[] data) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            drops.incrementAndGet();
            return false;
        }
        queue.add(new Datagram(socket, from, data));
        return signalled.compareAndSet(false, true);
    }

    /**
     * Hands at most {@code max} waiting datagrams to {@code sink}, in arrival order.
     *
     * @return whether the caller must signal the actor again: more wait and no reader has signalled
     *     since
     */
    boolean drain(Sink sink, int max) {
        // Cleared before polling: a datagram offered after our last poll signals again, so none waits unseen.
        signalled.set(false);
        for (int i = 0; i < max; i++) {
            Datagram d = queue.poll();
            if (d == null) {
                return false;
            }
            queued.decrementAndGet();
            sink.accept(d);
        }
        if (queue.isEmpty()) {
            return false;
        }
        return signalled.compareAndSet(false, true);
    }

    /** Datagrams dropped because the inbox was full. */
    long drops() {
        return drops.get();
    }
}
