package net.overlay.lab.keepalive;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatConfig;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.testing.VirtualNetwork;
import net.overlay.core.testing.VirtualNetwork.Site;

/**
 * One cell of the keepalive sweep: a device behind a NAT with the given mapping timeout sends a
 * keepalive to the rendezvous every interval; the rendezvous remembers the source address of the
 * latest keepalive (as registration does) and sends a probe there every probe interval. A probe
 * that arrives means the device was reachable at the address the rendezvous knew; a keepalive
 * from a new address means the NAT's mapping had expired and been replaced. Probes are inbound
 * packets and do not refresh the mapping (the presets have no inbound refresh, RFC 4787 4.3).
 * Stateless; each call builds its own network.
 */
public final class KeepaliveTrial {
    private static final String RENDEZVOUS = "198.51.100.1";
    private static final int RENDEZVOUS_PORT = 3478;
    /** One-way latency of each edge: the device's carrier and the rendezvous's data centre. */
    private static final long EDGE_LATENCY_NS = 20 * MS;
    private static final Bytes KEEPALIVE = Bytes.of(new byte[] {'k'});
    private static final Bytes PROBE = Bytes.of(new byte[] {'p'});

    private KeepaliveTrial() {}

    /**
     * What one cell measured.
     *
     * @param keepalives keepalives the device sent
     * @param probesSent probes the rendezvous sent; {@code probesDelivered} of them arrived
     * @param addressChanges times a keepalive came from another address than the one before
     */
    public record Result(int mappingTimeoutS, int intervalS, long keepalives, long probesSent, long probesDelivered,
            long addressChanges) {
        public double reachablePct() {
            return probesSent == 0 ? Double.NaN : 100.0 * probesDelivered / probesSent;
        }

        public double changesPerHour(int durationS) {
            return addressChanges * 3600.0 / durationS;
        }
    }

    public static Result run(KeepaliveSettings s, int mappingTimeoutS, int intervalS, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        VirtualNetwork net = new VirtualNetwork(random.nextLong());
        NatConfig nat = s.nat().config().withMappingTimeoutNs(mappingTimeoutS * SECOND);
        Site site = net.addNat("device", net.internet(), nat, "203.0.113.7", EDGE_LATENCY_NS, 0);
        InetSocketAddress rendezvous = Endpoints.toSocketAddress(Endpoints.of(RENDEZVOUS, RENDEZVOUS_PORT));
        Server server = new Server(s.probeIntervalMs() * MS);
        Device device = new Device(rendezvous, intervalS * SECOND, s.jitterPct(), random.split());
        net.addHost("rendezvous", net.internet(), RENDEZVOUS, RENDEZVOUS_PORT, server, EDGE_LATENCY_NS, 0);
        net.addHost("device", site, "10.0.0.2", 40000, device, 0, 0);
        net.runUntil(s.durationS() * SECOND);
        return new Result(mappingTimeoutS, intervalS, device.keepalives, server.probesSent, device.probesReceived,
                server.addressChanges);
    }

    /** Sends a keepalive at once and then every interval (with jitter); counts probes that arrive. */
    private static final class Device implements DatagramMachine<Void> {
        private final InetSocketAddress rendezvous;
        private final long intervalNs;
        private final int jitterPct;
        private final SplittableRandom random;
        private final ArrayDeque<Transmit> out = new ArrayDeque<>();
        private long nextNs;
        long keepalives;
        long probesReceived;

        Device(InetSocketAddress rendezvous, long intervalNs, int jitterPct, SplittableRandom random) {
            this.rendezvous = rendezvous;
            this.intervalNs = intervalNs;
            this.jitterPct = jitterPct;
            this.random = random;
            this.nextNs = 0;
        }

        @Override
        public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
            probesReceived++;
        }

        @Override
        public void handleTimeout(long nowNs) {
            if (nowNs < nextNs) {
                return;
            }
            out.add(new Transmit(0, rendezvous, KEEPALIVE, Transmit.DEFAULT_TTL));
            keepalives++;
            long jitterNs = jitterPct == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * intervalNs * jitterPct / 100);
            nextNs = nowNs + intervalNs + jitterNs;
        }

        @Override
        public Transmit pollTransmit() {
            return out.poll();
        }

        @Override
        public Void pollEvent() {
            return null;
        }

        @Override
        public long pollTimeoutNs() {
            return nextNs;
        }
    }

    /** Learns the device's address from each keepalive; probes the latest one at a steady pace. */
    private static final class Server implements DatagramMachine<Void> {
        private final long probeIntervalNs;
        private final ArrayDeque<Transmit> out = new ArrayDeque<>();
        private InetSocketAddress device;
        private long nextProbeNs = NO_DEADLINE;
        long probesSent;
        long addressChanges;

        Server(long probeIntervalNs) {
            this.probeIntervalNs = probeIntervalNs;
        }

        @Override
        public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
            if (device != null && !device.equals(from)) {
                addressChanges++;
            }
            if (device == null) {
                nextProbeNs = nowNs + probeIntervalNs;
            }
            device = from;
        }

        @Override
        public void handleTimeout(long nowNs) {
            if (nowNs >= nextProbeNs) {
                out.add(new Transmit(0, device, PROBE, Transmit.DEFAULT_TTL));
                probesSent++;
                nextProbeNs = nowNs + probeIntervalNs;
            }
        }

        @Override
        public Transmit pollTransmit() {
            return out.poll();
        }

        @Override
        public Void pollEvent() {
            return null;
        }

        @Override
        public long pollTimeoutNs() {
            return nextProbeNs;
        }
    }
}
