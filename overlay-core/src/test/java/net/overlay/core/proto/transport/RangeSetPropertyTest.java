package net.overlay.core.proto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link RangeSet} against a {@link BitSet} model, under random adds and removes. */
class RangeSetPropertyTest {

    record Op(boolean add, int start, int length) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.of(true, true, false), Arbitraries.integers().between(0, 200),
                Arbitraries.integers().between(0, 30)).as(Op::new).list().ofMaxSize(60);
    }

    @Property
    void behavesAsASetOfIntegersAndStaysSortedDisjointAndNonAdjacent(@ForAll("ops") List<Op> ops) {
        RangeSet set = new RangeSet();
        BitSet model = new BitSet();
        for (Op op : ops) {
            if (op.add()) {
                set.add(op.start(), op.start() + op.length());
                model.set(op.start(), op.start() + op.length());
            } else {
                set.remove(op.start(), op.start() + op.length());
                model.clear(op.start(), op.start() + op.length());
            }
        }
        BitSet actual = new BitSet();
        for (int i = 0; i < set.rangeCount(); i++) {
            assertThat(set.start(i)).isLessThan(set.end(i));
            if (i > 0) {
                assertThat(set.start(i)).as("ranges neither overlap nor touch").isGreaterThan(set.end(i - 1));
            }
            actual.set((int) set.start(i), (int) set.end(i));
        }
        assertThat(actual).isEqualTo(model);
        assertThat(set.cardinality()).isEqualTo(model.cardinality());
        for (int v = 0; v < 240; v++) {
            assertThat(set.contains(v)).isEqualTo(model.get(v));
            int end = model.get(v) ? model.nextClearBit(v) : v;
            assertThat(set.contiguousEnd(v)).isEqualTo(end);
        }
    }
}
