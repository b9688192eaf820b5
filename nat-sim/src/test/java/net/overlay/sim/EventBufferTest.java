package net.overlay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventBufferTest {

    private record Key(long timeNs, int source, int sequence, int destination, int kind, long payload) {}

    @Test
    void sortsByTimeThenSourceThenSequence() {
        EventBuffer buffer = new EventBuffer(1);
        buffer.add(20, 1, 0, 5, EventBuffer.KIND_MESSAGE, 100);
        buffer.add(10, 3, 7, 5, EventBuffer.KIND_MESSAGE, 101);
        buffer.add(10, 2, 9, 5, EventBuffer.KIND_TIMER, 102);
        buffer.add(10, 3, 2, 5, EventBuffer.KIND_MESSAGE, 103);
        buffer.sort();
        assertThat(payloads(buffer)).containsExactly(102L, 103L, 101L, 100L);
    }

    @Test
    void attachmentsTravelWithTheirEventsThroughSortsCopiesAndTheHeap() {
        EventBuffer buffer = new EventBuffer(1);
        buffer.add(30, 1, 0, 5, EventBuffer.KIND_MESSAGE, 1);
        buffer.add(10, 1, 1, 5, EventBuffer.KIND_MESSAGE, 2, "ten");
        buffer.add(20, 1, 2, 5, EventBuffer.KIND_MESSAGE, 3, "twenty");
        buffer.sort();
        EventBuffer copy = new EventBuffer(1);
        for (int i = 0; i < buffer.size(); i++) copy.addFrom(buffer, i);
        assertThat(List.of(String.valueOf(copy.attachment(0)), String.valueOf(copy.attachment(1)),
                String.valueOf(copy.attachment(2)))).containsExactly("ten", "twenty", "null");
        EventBuffer heap = new EventBuffer(1);
        for (int t : new int[] {50, 10, 40, 20, 30}) heap.heapAdd(t, 0, t, 0, EventBuffer.KIND_TIMER, t, "at" + t);
        List<String> popped = new ArrayList<>();
        while (heap.size() > 0) {
            popped.add(heap.timeNs(0) + ":" + heap.attachment(0));
            heap.heapRemoveTop();
        }
        assertThat(popped).containsExactly("10:at10", "20:at20", "30:at30", "40:at40", "50:at50");
        buffer.clear();
        assertThat(buffer.attachment(0)).isNull();
    }

    @Test
    void sortMatchesAReferenceSortOnManyTiedEvents() {
        // Few distinct times and sources, so most comparisons are ties decided by later fields.
        SplittableRandom random = new SplittableRandom(42);
        EventBuffer buffer = new EventBuffer(4);
        List<Key> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Key k = new Key(random.nextInt(8), random.nextInt(20), i, random.nextInt(1 << 30), i & 1, random.nextLong());
            expected.add(k);
            buffer.add(k.timeNs(), k.source(), k.sequence(), k.destination(), k.kind(), k.payload());
        }
        expected.sort(Comparator.comparingLong(Key::timeNs).thenComparingInt(Key::source).thenComparingInt(Key::sequence));
        buffer.sort();
        List<Key> actual = new ArrayList<>();
        for (int i = 0; i < buffer.size(); i++) {
            actual.add(new Key(buffer.timeNs(i), buffer.source(i), buffer.sequence(i), buffer.destination(i),
                    buffer.kind(i), buffer.payload(i)));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void keepsLargeFieldValuesIntact() {
        EventBuffer buffer = new EventBuffer(1);
        buffer.add(Long.MAX_VALUE - 1, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
                EventBuffer.KIND_MESSAGE, -1L);
        assertThat(buffer.source(0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(buffer.sequence(0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(buffer.destination(0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(buffer.kind(0)).isEqualTo(EventBuffer.KIND_MESSAGE);
        assertThat(buffer.payload(0)).isEqualTo(-1L);
    }

    private static List<Long> payloads(EventBuffer buffer) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < buffer.size(); i++) out.add(buffer.payload(i));
        return out;
    }
}
