package net.overlay.cluster.node;

import java.util.concurrent.atomic.LongAdder;

/**
 * One node's counters and gauges, for the store helper's Prometheus {@code /metrics} and for tests.
 * Written by the node's actors (the protocol driver, the router); read from any thread: counters are
 * {@link LongAdder}s, gauges volatile fields refreshed about once a second from the protocol
 * thread ({@link #snapshot()} gives a consistent-enough copy of all of them).
 *
 * <p>Punch outcomes are not here: punching happens between the agents, and the rendezvous never
 * learns whether it worked (docs/cluster.md).
 */
public final class NodeMetrics {
    final LongAdder peersAdmitted = new LongAdder();
    final LongAdder peersRefused = new LongAdder();
    final LongAdder forwardsSent = new LongAdder();
    final LongAdder forwardsServed = new LongAdder();
    final LongAdder registryMisses = new LongAdder();
    final LongAdder movedAway = new LongAdder();
    final LongAdder clusterMessagesBad = new LongAdder();
    final LongAdder droppedOversize = new LongAdder();
    final LongAdder droppedRateLimited = new LongAdder();
    final LongAdder droppedTooManySources = new LongAdder();

    volatile long registeredDevices;
    volatile long registrations;
    volatile long keepalives;
    volatile long connects;
    volatile long relayAllocations;
    volatile long relayBytes;
    volatile long relayPackets;
    final LongAdder datagramsIn = new LongAdder();
    volatile long malformedSignals;
    volatile long punchesDirect;
    volatile long punchesRelayed;
    volatile long handshakesAccepted;
    volatile long handshakesRateLimited;
    volatile long handshakesOverCapacity;
    volatile long handshakesRefused;
    volatile long garbageDatagrams;
    volatile long inboundQueueDrops;
    volatile long stunUnanswered;

    /**
     * A copy of every figure.
     *
     * @param registeredDevices devices registered on this node now
     * @param registrations registrations accepted since start (first ones and re-registrations)
     * @param keepalives keepalives answered
     * @param connects connects this node decided and answered with a relay and a ticket (its own
     *     clients' and forwarded ones)
     * @param forwardsSent connects for devices homed elsewhere, forwarded
     * @param forwardsServed connects other nodes forwarded here
     * @param registryMisses forwarded connects no node had the device of
     * @param movedAway registrations dropped because the device moved to another node
     * @param peersAdmitted sessions admitted (devices and clients)
     * @param peersRefused handshakes or hellos refused
     * @param relayAllocations live relay allocations
     * @param relayBytes bytes the relay forwarded since start
     * @param relayPackets packets the relay forwarded since start
     * @param datagramsIn datagrams that reached the protocol (after the guard)
     * @param droppedOversize datagrams longer than {@code udp.max-datagram-bytes}
     * @param droppedRateLimited datagrams over their source's token bucket
     * @param droppedTooManySources datagrams from new sources while the source table was full
     * @param malformedSignals undecodable signals inside authenticated sessions
     * @param clusterMessagesBad undecodable messages from other nodes
     * @param punchesDirect punches this node's clients reported as ended direct
     * @param punchesRelayed punches this node's clients reported as ended on the relay
     * @param handshakesAccepted handshake initiations answered (new sessions)
     * @param handshakesRateLimited initiations over their source IP's handshake rate, dropped
     * @param handshakesOverCapacity initiations dropped for lack of half-open or session room
     * @param handshakesRefused initiations that did not authenticate, were replays, or were refused
     * @param garbageDatagrams datagrams that are neither STUN nor a well-formed overlay packet, plus
     *     packets for sessions the node does not hold
     * @param inboundQueueDrops datagrams the socket readers dropped because the protocol thread was
     *     {@code udp.max-queued-datagrams} behind
     * @param stunUnanswered STUN datagrams dropped unanswered (malformed, not a request)
     */
    public record Snapshot(long registeredDevices, long registrations, long keepalives, long connects,
            long forwardsSent, long forwardsServed, long registryMisses, long movedAway, long peersAdmitted,
            long peersRefused, long relayAllocations, long relayBytes, long relayPackets, long datagramsIn,
            long droppedOversize, long droppedRateLimited, long droppedTooManySources, long malformedSignals,
            long clusterMessagesBad, long handshakesAccepted, long handshakesRateLimited, long handshakesOverCapacity,
            long handshakesRefused, long garbageDatagrams, long inboundQueueDrops, long stunUnanswered,
            long punchesDirect, long punchesRelayed) {

        /** Per-node load as one figure: devices registered here (what a balancer would even out). */
        public long load() {
            return registeredDevices;
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(registeredDevices, registrations, keepalives, connects, forwardsSent.sum(),
                forwardsServed.sum(), registryMisses.sum(), movedAway.sum(), peersAdmitted.sum(), peersRefused.sum(),
                relayAllocations, relayBytes, relayPackets, datagramsIn.sum(), droppedOversize.sum(), droppedRateLimited.sum(),
                droppedTooManySources.sum(), malformedSignals, clusterMessagesBad.sum(), handshakesAccepted,
                handshakesRateLimited, handshakesOverCapacity, handshakesRefused, garbageDatagrams, inboundQueueDrops,
                stunUnanswered, punchesDirect, punchesRelayed);
    }
}
