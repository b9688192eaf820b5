package net.overlay.core.proto.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.proto.traversal.NatClassifier.Allocation;
import net.overlay.core.proto.traversal.NatClassifier.PortSample;
import org.junit.jupiter.api.Test;

/** The classification rules on their own. */
class NatClassifierTest {
    private static final int MAX_STEP = 64;

    private static InetSocketAddress a(String ip, int port) {
        return Endpoints.toSocketAddress(Endpoints.of(ip, port));
    }

    private static List<PortSample> samples(int... mappedPorts) {
        return IntStream.range(0, mappedPorts.length).mapToObj(i -> new PortSample(40000 + i, mappedPorts[i])).toList();
    }

    @Test
    void mappingFollowsRfc5780Section43() {
        InetSocketAddress x1 = a("203.0.113.5", 1000);
        InetSocketAddress x2 = a("203.0.113.5", 1001);
        assertThat(NatClassifier.mapping(x1, x1, a("203.0.113.5", 9))).isEqualTo(MappingBehavior.ENDPOINT_INDEPENDENT);
        assertThat(NatClassifier.mapping(x1, x2, x2)).isEqualTo(MappingBehavior.ADDRESS_DEPENDENT);
        assertThat(NatClassifier.mapping(x1, x2, a("203.0.113.5", 1002)))
                .isEqualTo(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT);
        // Another external IP from a pool is another mapping, even on the same port.
        assertThat(NatClassifier.mapping(x1, a("203.0.113.6", 1000), a("203.0.113.6", 1000)))
                .isEqualTo(MappingBehavior.ADDRESS_DEPENDENT);
    }

    @Test
    void filteringFollowsRfc5780Section44() {
        assertThat(NatClassifier.filtering(true, false)).isEqualTo(FilteringBehavior.ENDPOINT_INDEPENDENT);
        assertThat(NatClassifier.filtering(false, true)).isEqualTo(FilteringBehavior.ADDRESS_DEPENDENT);
        assertThat(NatClassifier.filtering(false, false)).isEqualTo(FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
    }

    @Test
    void keptLocalPortsOnAtLeastHalfTheMappingsMeanPreserving() {
        assertThat(NatClassifier.allocation(samples(40000, 40001, 51234, 40003), MAX_STEP).verdict())
                .isEqualTo(Verdict.decided(PortAllocation.PRESERVING));
        assertThat(NatClassifier.allocation(samples(40000), MAX_STEP).verdict())
                .isEqualTo(Verdict.decided(PortAllocation.PRESERVING));
        assertThat(NatClassifier.allocation(samples(40000, 50000, 50001, 50002), MAX_STEP))
                .isEqualTo(new Allocation(Verdict.decided(PortAllocation.RANDOM), 0));
    }

    @Test
    void fewerThanThreeTranslatedMappingsCannotTellSequentialFromRandom() {
        assertThat(NatClassifier.allocation(samples(50000, 50001), MAX_STEP).verdict())
                .isInstanceOf(Verdict.Undecided.class);
        assertThat(NatClassifier.allocation(List.of(), MAX_STEP).verdict()).isInstanceOf(Verdict.Undecided.class);
    }

    @Test
    void anIrregularOrLargeStepIsRandom() {
        assertThat(NatClassifier.allocation(samples(50000, 50001, 50003, 50004), MAX_STEP).verdict())
                .isEqualTo(Verdict.decided(PortAllocation.RANDOM));
        assertThat(NatClassifier.allocation(samples(50000, 50065, 50130), MAX_STEP).verdict())
                .isEqualTo(Verdict.decided(PortAllocation.RANDOM));
    }

    @Property
    void aConstantSmallStepIsSequentialWithThatStep(@ForAll @IntRange(min = -64, max = 64) int step,
            @ForAll @IntRange(min = 1024, max = 60000) int first, @ForAll @IntRange(min = 3, max = 8) int count) {
        Assume.that(step != 0);
        int[] ports = IntStream.range(0, count).map(i -> first + 2000 + i * step).toArray();
        assertThat(NatClassifier.allocation(samples(ports), MAX_STEP))
                .isEqualTo(new Allocation(Verdict.decided(PortAllocation.SEQUENTIAL), step));
    }
}
