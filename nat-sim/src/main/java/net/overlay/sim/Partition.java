package net.overlay.sim;

/**
 * Splits node ids 0..nodes-1 into contiguous, near-equal ranges, one per region. Immutable and
 * thread-safe; a value so every region and the coordinator agree on who owns which node.
 *
 * @param nodes how many nodes in all
 * @param regions how many regions, 1..nodes
 */
record Partition(int nodes, int regions) {
    Partition {
        if (regions < 1 || regions > nodes) {
            throw new IllegalArgumentException("regions must be in 1.." + nodes + ", got " + regions);
        }
    }

    /** First node of region {@code r}; {@code firstNode(regions)} is {@code nodes}. */
    int firstNode(int r) {
        return (int) ((long) r * nodes / regions);
    }

    /** The region owning {@code node}: the largest r with firstNode(r) <= node. */
    int regionOf(int node) {
        return (int) ((((long) node + 1) * regions - 1) / nodes);
    }
}
