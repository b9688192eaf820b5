package net.overlay.core.proto.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The primitive token map against {@link HashMap} as a model, including deletions inside probe runs. */
class TokenTableTest {
    private static final AllocationLimits LIMITS = RelayFixtures.roomyLimits();

    private static Allocation allocation(long token) {
        return new Allocation(token, ~token, LIMITS, RelayConfig.DEFAULT_IDLE_TIMEOUT_NS, 0);
    }

    @Test
    void agreesWithAHashMapOverRandomPutsAndRemovesWithCollidingKeys() {
        SplittableRandom rnd = new SplittableRandom(6);
        TokenTable table = new TokenTable();
        Map<Long, Allocation> model = new HashMap<>();
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            // a small key space makes long probe runs and many deletions inside them
            long key = 1 + rnd.nextInt(3000) * 0x1_0000_0000L;
            if (rnd.nextInt(3) > 0 && !model.containsKey(key)) {
                Allocation a = allocation(key);
                table.put(key, a);
                model.put(key, a);
                keys.add(key);
            } else {
                table.remove(key);
                model.remove(key);
            }
            long probe = keys.isEmpty() ? 5 : keys.get(rnd.nextInt(keys.size()));
            assertThat(table.get(probe)).isSameAs(model.get(probe));
        }
        assertThat(table.size()).isEqualTo(model.size());
        for (long key : keys) {
            assertThat(table.get(key)).isSameAs(model.get(key));
        }
    }

    @Test
    void zeroIsNeverAKeyAndDuplicatesAreRefused() {
        TokenTable table = new TokenTable();
        assertThat(table.get(0)).isNull();
        assertThatThrownBy(() -> table.put(0, allocation(1))).isInstanceOf(IllegalArgumentException.class);
        table.put(7, allocation(7));
        assertThatThrownBy(() -> table.put(7, allocation(7))).isInstanceOf(IllegalArgumentException.class);
        table.remove(0);
        table.remove(8);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.contains(7)).isTrue();
    }
}
