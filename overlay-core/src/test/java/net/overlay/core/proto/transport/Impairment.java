package net.overlay.core.proto.transport;

/**
 * How a test {@link Link} mistreats packets.
 *
 * @param lossRate Bernoulli loss (or the good state's loss under Gilbert-Elliott)
 * @param gilbertGoodToBad Gilbert-Elliott transition probability per packet; 0 for Bernoulli loss
 * @param gilbertBadToGood back to the good state
 * @param gilbertBadLoss loss probability in the bad state
 * @param reorderRate share of packets delayed by up to {@code reorderExtraNs} more
 * @param rateBytesPerSec bottleneck rate, 0 for none
 * @param queueLimitBytes bottleneck queue size (drop-tail)
 */
record Impairment(
        String name,
        long delayNs,
        double lossRate,
        double gilbertGoodToBad,
        double gilbertBadToGood,
        double gilbertBadLoss,
        double reorderRate,
        long reorderExtraNs,
        double duplicateRate,
        long rateBytesPerSec,
        int queueLimitBytes) {

    static final long MS = 1_000_000L;

    static Impairment clean(long delayNs) {
        return new Impairment("clean", delayNs, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    Impairment named(String newName) {
        return new Impairment(newName, delayNs, lossRate, gilbertGoodToBad, gilbertBadToGood, gilbertBadLoss,
                reorderRate, reorderExtraNs, duplicateRate, rateBytesPerSec, queueLimitBytes);
    }

    Impairment withLoss(double rate) {
        return new Impairment(name, delayNs, rate, gilbertGoodToBad, gilbertBadToGood, gilbertBadLoss,
                reorderRate, reorderExtraNs, duplicateRate, rateBytesPerSec, queueLimitBytes);
    }

    Impairment withGilbertElliott(double goodToBad, double badToGood, double badLoss) {
        return new Impairment(name, delayNs, lossRate, goodToBad, badToGood, badLoss,
                reorderRate, reorderExtraNs, duplicateRate, rateBytesPerSec, queueLimitBytes);
    }

    Impairment withReordering(double rate, long extraNs) {
        return new Impairment(name, delayNs, lossRate, gilbertGoodToBad, gilbertBadToGood, gilbertBadLoss,
                rate, extraNs, duplicateRate, rateBytesPerSec, queueLimitBytes);
    }

    Impairment withDuplication(double rate) {
        return new Impairment(name, delayNs, lossRate, gilbertGoodToBad, gilbertBadToGood, gilbertBadLoss,
                reorderRate, reorderExtraNs, rate, rateBytesPerSec, queueLimitBytes);
    }

    Impairment withBottleneck(long bytesPerSec, int queueBytes) {
        return new Impairment(name, delayNs, lossRate, gilbertGoodToBad, gilbertBadToGood, gilbertBadLoss,
                reorderRate, reorderExtraNs, duplicateRate, bytesPerSec, queueBytes);
    }

    Impairment withDelay(long newDelayNs) {
        return new Impairment(name, newDelayNs, lossRate, gilbertGoodToBad, gilbertBadToGood, gilbertBadLoss,
                reorderRate, reorderExtraNs, duplicateRate, rateBytesPerSec, queueLimitBytes);
    }

    @Override
    public String toString() {
        return name;
    }
}
