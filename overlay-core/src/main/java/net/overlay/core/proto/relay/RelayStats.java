package net.overlay.core.proto.relay;

/**
 * A snapshot of the relay's counters ({@link Relay#stats()}), one per drop reason, for the node's
 * metrics endpoint and the lab. All counts since the relay was created, except {@code
 * allocationsLive}.
 */
public record RelayStats(
        int allocationsLive,
        long allocationsCreated,
        long allocationsRefused,
        long allocationsExpired,
        long allocationsReleased,
        long packetsForwarded,
        long bytesForwarded,
        long addressesLearned,
        long roams,
        long droppedMalformed,
        long droppedUnsupportedVersion,
        long droppedNestedRelay,
        long droppedNotRelayed,
        long droppedUnknownToken,
        long droppedOtherSideUnknown,
        long droppedBudgetExhausted,
        long droppedRateLimited) {

    /** The counter of {@code reason}. */
    public long dropped(DropReason reason) {
        return switch (reason) {
            case MALFORMED -> droppedMalformed;
            case UNSUPPORTED_VERSION -> droppedUnsupportedVersion;
            case NESTED_RELAY -> droppedNestedRelay;
            case NOT_RELAYED -> droppedNotRelayed;
            case UNKNOWN_TOKEN -> droppedUnknownToken;
            case OTHER_SIDE_UNKNOWN -> droppedOtherSideUnknown;
            case BUDGET_EXHAUSTED -> droppedBudgetExhausted;
            case RATE_LIMITED -> droppedRateLimited;
        };
    }

    /** Every datagram dropped, whatever the reason. */
    public long droppedTotal() {
        long total = 0;
        for (DropReason r : DropReason.values()) {
            total += dropped(r);
        }
        return total;
    }
}
