package net.overlay.core.proto.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The broker's open-addressing long map against a {@code HashMap} model. */
class LongTableTest {

    /** Random puts and removes over a small key space (collisions, back-shifts, growth) agree with the model. */
    @Property(tries = 200)
    void agreesWithAHashMapUnderRandomPutsAndRemoves(@ForAll("operations") List<long[]> operations) {
        LongTable<String> table = new LongTable<>();
        Map<Long, String> model = new HashMap<>();
        for (long[] op : operations) {
            long key = op[1];
            if (op[0] == 0) {
                table.put(key, "v" + op[2]);
                model.put(key, "v" + op[2]);
            } else {
                assertThat(table.remove(key)).isEqualTo(model.remove(key));
            }
            assertThat(table.size()).isEqualTo(model.size());
            assertThat(table.isEmpty()).isEqualTo(model.isEmpty());
        }
        for (long[] op : operations) {
            assertThat(table.get(op[1])).isEqualTo(model.get(op[1]));
        }
    }

    @Provide
    Arbitrary<List<long[]>> operations() {
        Arbitrary<Long> keys = Arbitraries.oneOf(Arbitraries.longs().between(0, 40),
                Arbitraries.longs().between(0, 40).map(k -> k << 40), Arbitraries.longs());
        Arbitrary<long[]> op = Arbitraries.integers().between(0, 2).flatMap(kind -> keys.flatMap(key ->
                Arbitraries.integers().between(0, 9).map(v -> new long[] {kind == 2 ? 0 : kind, key, v})));
        return op.list().ofMaxSize(300);
    }

    @Test
    void keyZeroAndNegativeKeysAreOrdinaryKeys() {
        LongTable<String> table = new LongTable<>();
        table.put(0, "zero");
        table.put(-1, "minus one");

        assertThat(table.get(0)).isEqualTo("zero");
        assertThat(table.get(-1)).isEqualTo("minus one");
        assertThat(table.remove(0)).isEqualTo("zero");
        assertThat(table.get(0)).isNull();
    }

    @Test
    void refusesNullValues() {
        assertThatThrownBy(() -> new LongTable<String>().put(1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
