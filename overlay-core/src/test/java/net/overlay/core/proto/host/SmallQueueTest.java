package net.overlay.core.proto.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SmallQueueTest {

    @Test
    void behavesAsAnArrayDequeUnderRandomAddsAndPolls() {
        SplittableRandom r = new SplittableRandom(42);
        SmallQueue<Integer> q = new SmallQueue<>();
        ArrayDeque<Integer> oracle = new ArrayDeque<>();
        for (int step = 0; step < 200_000; step++) {
            int op = r.nextInt(10);
            if (op < 5) {
                q.add(step);
                oracle.add(step);
            } else if (op < 9) {
                assertThat(q.poll()).isEqualTo(oracle.poll());
            } else if (r.nextInt(50) == 0) {
                q.clear();
                oracle.clear();
            } else {
                assertThat(q.peek()).isEqualTo(oracle.peek());
            }
            assertThat(q.size()).isEqualTo(oracle.size());
            assertThat(q.isEmpty()).isEqualTo(oracle.isEmpty());
        }
    }

    @Test
    void emptyQueuesAnswerNullAndRefuseNull() {
        SmallQueue<String> q = new SmallQueue<>();
        assertThat(q.poll()).isNull();
        assertThat(q.peek()).isNull();
        for (int i = 0; i < 100; i++) q.add("x" + i);
        for (int i = 0; i < 100; i++) assertThat(q.poll()).isEqualTo("x" + i);
        assertThat(q.poll()).isNull();
        assertThatThrownBy(() -> q.add(null)).isInstanceOf(NullPointerException.class);
    }
}
