package net.overlay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PartitionProperties {

    @Property
    void everyNodeBelongsToTheRegionWhoseRangeHoldsIt(
            @ForAll @IntRange(min = 1, max = 2_000_000_000) int nodes,
            @ForAll @IntRange(min = 1, max = 64) int regionsWanted,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int anyNode) {
        int regions = Math.min(regionsWanted, nodes);
        Partition partition = new Partition(nodes, regions);
        int node = anyNode % nodes;
        int r = partition.regionOf(node);
        assertThat(r).isBetween(0, regions - 1);
        assertThat(partition.firstNode(r)).isLessThanOrEqualTo(node);
        assertThat(partition.firstNode(r + 1)).isGreaterThan(node);
    }
}
