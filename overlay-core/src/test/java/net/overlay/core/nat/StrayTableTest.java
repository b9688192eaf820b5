package net.overlay.core.nat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrayTableTest {
    @Test
    void entriesBlockUntilTheyExpireAndTheSweepGivesTheRoomBack() {
        StrayTable t = new StrayTable();
        assertThat(t.isEmpty()).isTrue();
        assertThat(t.blocks(0, 7, 40000)).isFalse();
        for (int i = 0; i < 5; i++) t.put(100 + i, 40000 + i, 1000 + i);
        t.put(102, 40002, 5000); // moved, not added
        assertThat(t.size()).isEqualTo(5);
        assertThat(t.blocks(999, 100, 40000)).isTrue();
        assertThat(t.blocks(999, 100, 40001)).as("same remote, other port").isFalse();
        assertThat(t.blocks(1000, 100, 40000)).as("expired at its deadline, and dropped").isFalse();
        assertThat(t.size()).isEqualTo(4);
        assertThat(t.blocks(2000, 102, 40002)).isTrue();
        t.expire(2000);
        assertThat(t.size()).isEqualTo(1);
        t.expire(5000);
        assertThat(t.isEmpty()).isTrue();
        t.put(1, 2, 3);
        assertThat(t.blocks(2, 1, 2)).isTrue();
    }

    @Test
    void agreesWithAMapUnderRandomPutsLookupsAndSweeps() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        StrayTable t = new StrayTable();
        java.util.Map<java.util.List<Long>, Long> model = new java.util.HashMap<>();
        long now = 1;
        for (int step = 0; step < 200_000; step++) {
            long remote = rnd.nextInt(300);
            int port = 40000 + rnd.nextInt(4);
            java.util.List<Long> key = java.util.List.of(remote, (long) port);
            switch (rnd.nextInt(10)) {
                case 0, 1, 2, 3 -> {
                    long exp = now + 1 + rnd.nextInt(1000);
                    t.put(remote, port, exp);
                    model.put(key, exp);
                }
                case 4 -> {
                    t.expire(now);
                    long at = now;
                    model.values().removeIf(e -> e <= at);
                }
                default -> {
                    Long e = model.get(key);
                    boolean expected = e != null && e > now;
                    if (e != null && e <= now) model.remove(key);
                    assertThat(t.blocks(now, remote, port)).as("step %d", step).isEqualTo(expected);
                }
            }
            assertThat(t.size()).isEqualTo(model.size());
            now += rnd.nextInt(20);
        }
    }
}
