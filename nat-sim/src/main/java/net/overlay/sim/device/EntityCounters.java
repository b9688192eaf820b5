package net.overlay.sim.device;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import net.overlay.core.proto.relay.RelayStats;
import net.overlay.core.proto.rendezvous.BrokerStats;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import net.overlay.core.proto.session.DatagramOutcome;
import net.overlay.core.proto.session.SessionStats;

/**
 * Counters per entity of a device run: for every engine node (device, client, rendezvous node,
 * shared CGNAT box) the datagrams and bytes it put on the wire and that reached it, and those its
 * own NAT (or, for a box, the box) refused; for every rendezvous node also its broker's, relay's and
 * session endpoint's own counters at the end of the run. Kept as columns (five longs per node, about
 * 40 B), so that a million devices cost 40 MB and no object each; {@link #entity} makes one row.
 *
 * <p>Written during the run by the region that owns each node (each slot by one thread at a time);
 * read after it. Equal when every count is equal: the determinism test compares them.
 */
public final class EntityCounters {
    /** One entity's row: {@code detail} holds a rendezvous node's own counters (empty otherwise). */
    public record Entity(int node, String role, String name, String nat, long sent, long received, long bytesSent,
            long bytesReceived, long natDropped, Map<String, Long> detail) {

        /** A CSV header matching {@link #csv()}. */
        public static final String CSV_HEADER = "node,role,name,nat,sent,received,bytes_sent,bytes_received,nat_dropped,detail";

        public Entity {
            detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
        }

        /** One CSV line; the detail column is {@link #detailText()}. */
        public String csv() {
            return node + "," + role + "," + name + "," + nat + "," + sent + "," + received + "," + bytesSent + ","
                    + bytesReceived + "," + natDropped + "," + detailText();
        }

        /** The detail as {@code key=value} pairs separated by semicolons (empty when there is none). */
        public String detailText() {
            StringBuilder d = new StringBuilder();
            detail.forEach((k, v) -> d.append(d.isEmpty() ? "" : ";").append(k).append('=').append(v));
            return d.toString();
        }
    }

    private final long[] sent;
    private final long[] received;
    private final long[] bytesSent;
    private final long[] bytesReceived;
    private final long[] natDropped;
    /** Rendezvous node -> its own counters, filled when the run is over. */
    private final Map<Integer, Map<String, Long>> detail = new TreeMap<>();
    private final Topology topology;

    EntityCounters(Topology topology) {
        this.topology = Objects.requireNonNull(topology, "topology");
        int n = topology.nodes();
        this.sent = new long[n];
        this.received = new long[n];
        this.bytesSent = new long[n];
        this.bytesReceived = new long[n];
        this.natDropped = new long[n];
    }

    void onSend(int node, int bytes) {
        sent[node]++;
        bytesSent[node] += bytes;
    }

    void onReceive(int node, int bytes) {
        received[node]++;
        bytesReceived[node] += bytes;
    }

    void onNatDrop(int node) {
        natDropped[node]++;
    }

    /** Keeps rendezvous node {@code node}'s own counters as they stand now. */
    void snapshot(int node, RendezvousMachine m) {
        Map<String, Long> d = new LinkedHashMap<>();
        BrokerStats b = m.broker().stats();
        d.put("registered", (long) m.broker().registeredDevices());
        d.put("registrations", b.registrations());
        d.put("keepalives", b.keepalives());
        d.put("address_changes", b.addressChanges());
        d.put("connects", b.connects());
        d.put("hello_rejected", b.helloRejected());
        RelayStats r = m.relay().stats();
        d.put("relay_allocations", r.allocationsCreated());
        d.put("relay_refused", r.allocationsRefused());
        d.put("relay_expired", r.allocationsExpired());
        d.put("relay_packets", r.packetsForwarded());
        d.put("relay_bytes", r.bytesForwarded());
        SessionStats s = m.endpoint().stats();
        d.put("sessions_opened", s.sessionsOpened());
        d.put("sessions_ended", s.sessionsEnded());
        d.put("stun_answered", s.count(DatagramOutcome.STUN));
        d.put("datagrams_dropped", s.dropped());
        detail.put(node, d);
    }

    /** Engine nodes, hence entities (idle nodes included, with zeros). */
    public int size() {
        return sent.length;
    }

    /** Node {@code node}'s row. */
    public Entity entity(int node) {
        Topology.Role role = topology.role(node);
        String name = switch (role) {
            case DEVICE -> Topology.deviceName(topology.deviceIndex(node));
            case CLIENT -> "client-" + topology.clientIndex(node);
            case RENDEZVOUS -> "rendezvous-" + topology.rendezvousIndex(node);
            case CGNAT -> "cgnat-" + node;
            case IDLE -> "idle-" + node;
        };
        String nat = switch (role) {
            case DEVICE, CLIENT -> topology.hostNat(node).id();
            case CGNAT -> topology.spec().cgnat().preset().id();
            default -> "";
        };
        return new Entity(node, role.name().toLowerCase(java.util.Locale.ROOT), name, nat, sent[node], received[node],
                bytesSent[node], bytesReceived[node], natDropped[node], detail.getOrDefault(node, Map.of()));
    }

    /** Sum of datagrams sent by every entity (the wire's own count: after each sender's NAT). */
    public long totalSent() {
        return Arrays.stream(sent).sum();
    }

    /** Sum of datagrams that reached an entity. */
    public long totalReceived() {
        return Arrays.stream(received).sum();
    }

    /** Sum of datagrams refused by entities' NATs and boxes. */
    public long totalNatDropped() {
        return Arrays.stream(natDropped).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntityCounters e && Arrays.equals(sent, e.sent) && Arrays.equals(received, e.received)
                && Arrays.equals(bytesSent, e.bytesSent) && Arrays.equals(bytesReceived, e.bytesReceived)
                && Arrays.equals(natDropped, e.natDropped) && detail.equals(e.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(sent), Arrays.hashCode(received), Arrays.hashCode(bytesSent), detail);
    }

    @Override
    public String toString() {
        return "EntityCounters[" + size() + " entities, sent " + totalSent() + ", received " + totalReceived() + "]";
    }
}
