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
    long forwards;
    long remoteConnects;
    long forwardsTimedOut;
    long movedAway;
    long punchesDirect;
    long punchesRelayed;
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

    /** Connects forwarded to the device's home node (cluster routing). */
    public long forwards() {
        return forwards;
    }

    /** Connects other nodes forwarded here and this node decided. */
    public long remoteConnects() {
        return remoteConnects;
    }

    /** Forwarded connects whose home node never answered. */
    public long forwardsTimedOut() {
        return forwardsTimedOut;
    }

    /** Registrations dropped because the device registered with another node since. */
    public long movedAway() {
        return movedAway;
    }

    public long refusals(RefusalCode code) {
        return refusals.getOrDefault(code, 0L);
    }

    /** Punches clients reported as ended on a direct path. */
    public long punchesDirect() {
        return punchesDirect;
    }

    /** Punches clients reported as ended with the session still on the relay. */
    public long punchesRelayed() {
        return punchesRelayed;
    }
}
