package net.overlay.core.proto.rendezvous;

import java.util.EnumMap;
import net.overlay.core.proto.signal.RefusalCode;

/** The broker's counters, for metrics and tests. Written by the broker's thread only. */
public final class BrokerStats {
    long helloRejected;
    long registrations;
    long keepalives;
    long addressChanges;
    long connects;
    long offersAbandoned;
    long unexpected;
    private final EnumMap<RefusalCode, Long> refusals = new EnumMap<>(RefusalCode.class);

    void count(RefusalCode code) {
        refusals.merge(code, 1L, Long::sum);
    }

    public long helloRejected() {
        return helloRejected;
    }

    public long registrations() {
        return registrations;
    }

    public long keepalives() {
        return keepalives;
    }

    public long addressChanges() {
        return addressChanges;
    }

    public long connects() {
        return connects;
    }

    public long offersAbandoned() {
        return offersAbandoned;
    }

    public long unexpected() {
        return unexpected;
    }

    public long refusals(RefusalCode code) {
        return refusals.getOrDefault(code, 0L);
    }
}
