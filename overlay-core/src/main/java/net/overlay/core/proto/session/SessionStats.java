package net.overlay.core.proto.session;

import java.util.EnumMap;
import java.util.Map;
import net.overlay.core.proto.wire.WireException;

/**
 * A snapshot of a {@link SessionEndpoint}'s counters: one per {@link DatagramOutcome} (they add up
 * to {@link #datagrams()}), garbage by decoder reason, and session lifecycle counts. Immutable.
 *
 * @param outcomes datagrams by outcome (every outcome present, zeros included)
 * @param garbageByReason the {@link DatagramOutcome#GARBAGE} datagrams by why the decoder refused them
 * @param sessionsOpened sessions created (initiated or accepted)
 * @param sessionsEnded sessions closed, timed out or failed
 * @param handshakesFailed initiator handshakes that got no valid answer
 */
public record SessionStats(Map<DatagramOutcome, Long> outcomes, Map<WireException.Reason, Long> garbageByReason,
        long sessionsOpened, long sessionsEnded, long handshakesFailed) {

    public SessionStats {
        outcomes = Map.copyOf(outcomes);
        garbageByReason = Map.copyOf(garbageByReason);
    }

    static SessionStats of(long[] outcomeCounts, long[] garbageCounts, long opened, long ended, long failed) {
        Map<DatagramOutcome, Long> o = new EnumMap<>(DatagramOutcome.class);
        for (DatagramOutcome d : DatagramOutcome.values()) {
            o.put(d, outcomeCounts[d.ordinal()]);
        }
        Map<WireException.Reason, Long> g = new EnumMap<>(WireException.Reason.class);
        for (WireException.Reason r : WireException.Reason.values()) {
            g.put(r, garbageCounts[r.ordinal()]);
        }
        return new SessionStats(o, g, opened, ended, failed);
    }

    /** Datagrams that ended with {@code outcome}. */
    public long count(DatagramOutcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    /** Every datagram received. */
    public long datagrams() {
        long sum = 0;
        for (long v : outcomes.values()) {
            sum += v;
        }
        return sum;
    }

    /** Datagrams that were dropped, i.e. not STUN and not accepted or answered. */
    public long dropped() {
        return datagrams() - count(DatagramOutcome.STUN) - count(DatagramOutcome.INITIATION_ACCEPTED)
                - count(DatagramOutcome.INITIATION_DUPLICATE) - count(DatagramOutcome.RESPONSE_ACCEPTED)
                - count(DatagramOutcome.TRANSPORT_ACCEPTED);
    }
}
