package net.overlay.core.proto.traversal;

import static net.overlay.core.testing.VirtualNetwork.MS;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.IntStream;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatConfig;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.testing.StunServerMachine;
import net.overlay.core.testing.VirtualNetwork;
import net.overlay.core.testing.VirtualNetwork.Host;
import net.overlay.core.testing.VirtualNetwork.Site;

/**
 * The test bench of this package: an RFC 5780 STUN server on the internet (10 ms edge) and a
 * device with several sockets behind a NAT (20 ms edge, optional loss), behind a cascade, or on
 * the internet itself.
 */
final class DiscoveryLab {
    static final long SERVER_EDGE_NS = 10 * MS;
    static final long NAT_EDGE_NS = 20 * MS;
    static final long CARRIER_EDGE_NS = 40 * MS;
    static final int FIRST_LOCAL_PORT = 40000;

    final VirtualNetwork net;
    final StunServerMachine server;
    private final Site site;
    private final String deviceIp;
    private final double lossRate;
    private final long rttNs;

    private DiscoveryLab(VirtualNetwork net, StunServerMachine server, Site site, String deviceIp, double lossRate,
            long rttNs) {
        this.net = net;
        this.server = server;
        this.site = site;
        this.deviceIp = deviceIp;
        this.lossRate = lossRate;
        this.rttNs = rttNs;
    }

    /** A device behind one NAT of behaviour {@code nat}, or on the internet when {@code nat} is null. */
    static DiscoveryLab behind(NatConfig nat, long seed, double lossRate) {
        return behind(nat, seed, lossRate, StunServerMachine.rfc5780("198.51.100.1", "198.51.100.2", 3478, 3479));
    }

    static DiscoveryLab behind(NatConfig nat, long seed, double lossRate, StunServerMachine server) {
        VirtualNetwork net = withServer(seed, server);
        long rttNs = 2 * (NAT_EDGE_NS + SERVER_EDGE_NS);
        if (nat == null) {
            return new DiscoveryLab(net, server, net.internet(), "192.0.2.10", lossRate, rttNs);
        }
        Site site = net.addNat("home", net.internet(), nat, "203.0.113.5", NAT_EDGE_NS, lossRate);
        return new DiscoveryLab(net, server, site, "10.0.0.2", 0, rttNs);
    }

    static DiscoveryLab behind(NatPreset preset, long seed, double lossRate) {
        return behind(preset.config(), seed, lossRate);
    }

    /** A port-restricted home NAT behind a cellular carrier-grade NAT. */
    static DiscoveryLab cascade(long seed, double lossRate) {
        StunServerMachine server = StunServerMachine.rfc5780("198.51.100.1", "198.51.100.2", 3478, 3479);
        VirtualNetwork net = withServer(seed, server);
        Site carrier = net.addNat("cgnat", net.internet(), NatPreset.CGNAT_CELLULAR.config(), "203.0.113.9",
                CARRIER_EDGE_NS, lossRate);
        Site home = net.addNat("home", carrier, NatPreset.PORT_RESTRICTED.config(), "100.64.0.7", 0, 0);
        return new DiscoveryLab(net, server, home, "192.168.1.2", 0, 2 * (CARRIER_EDGE_NS + SERVER_EDGE_NS));
    }

    private static VirtualNetwork withServer(long seed, StunServerMachine server) {
        VirtualNetwork net = new VirtualNetwork(seed);
        net.addHost("stun", net.internet(), server.socketSpecs(), server, SERVER_EDGE_NS, 0);
        return net;
    }

    /** The device's first {@code n} sockets, on ports 40000, 40001, ... */
    List<LocalSocket> sockets(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new LocalSocket(i, Endpoints.toSocketAddress(Endpoints.of(deviceIp, FIRST_LOCAL_PORT + i))))
                .toList();
    }

    /** Attaches {@code machine} as the device, bound to {@code n} sockets. */
    <E> Host<E> addDevice(DatagramMachine<E> machine, int n) {
        List<String> specs = sockets(n).stream()
                .map(s -> s.address().getAddress().getHostAddress() + ":" + s.address().getPort())
                .toList();
        double edgeLoss = site == net.internet() ? lossRate : 0;
        return net.addHost("device", site, specs, machine, site == net.internet() ? NAT_EDGE_NS : 0, edgeLoss);
    }

    InetSocketAddress serverAddress() {
        return server.primary();
    }

    long rttNs() {
        return rttNs;
    }

    Site site() {
        return site;
    }
}
