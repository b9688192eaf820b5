package net.overlay.core.testing;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.testing.VirtualNetwork.Host;
import net.overlay.core.testing.VirtualNetwork.Site;
import org.junit.jupiter.api.Test;

class VirtualNetworkTest {

    private static InetSocketAddress addr(String ip, int port) {
        return Endpoints.toSocketAddress(Endpoints.of(ip, port));
    }

    @Test
    void echoBetweenPublicHostsTakesOneRoundTrip() {
        VirtualNetwork net = new VirtualNetwork(1);
        ScriptedMachine server = new ScriptedMachine(true);
        ScriptedMachine client = new ScriptedMachine(false).sendAt(0, addr("198.51.100.1", 3478), "ping");
        net.addHost("server", net.internet(), "198.51.100.1", 3478, server, 10 * MS, 0);
        net.addHost("client", net.internet(), "192.0.2.1", 4000, client, 30 * MS, 0);
        net.runFor(SECOND);
        assertThat(client.received()).singleElement().satisfies(r -> {
            assertThat(r.atNs()).isEqualTo(80 * MS);
            assertThat(r.from()).isEqualTo(addr("198.51.100.1", 3478));
        });
    }

    @Test
    void coreLatencyBetweenPublicAddressesAddsToBothEdgesAndHostsCountWhatTheySend() {
        VirtualNetwork net = new VirtualNetwork(1);
        int server = Endpoints.parseIp("198.51.100.1");
        // One direction only is far: the echo's two legs differ.
        net.setCoreLatency((src, dst) -> dst == server ? 100 * MS : 5 * MS);
        ScriptedMachine echo = new ScriptedMachine(true);
        ScriptedMachine client = new ScriptedMachine(false).sendAt(0, addr("198.51.100.1", 3478), "ping");
        net.addHost("server", net.internet(), "198.51.100.1", 3478, echo, 10 * MS, 0);
        Host<?> c = net.addHost("client", net.internet(), "192.0.2.1", 4000, client, 30 * MS, 0);
        net.runFor(SECOND);
        assertThat(client.received()).singleElement().satisfies(r -> assertThat(r.atNs()).isEqualTo(185 * MS));
        assertThat(c.sent()).isEqualTo(1);
    }

    @Test
    void natedHostGetsRepliesButNoUnsolicitedPackets() {
        VirtualNetwork net = new VirtualNetwork(1);
        Site home = net.addNat("home", net.internet(), NatPreset.PORT_RESTRICTED.config(), "203.0.113.5", 20 * MS, 0);
        ScriptedMachine server = new ScriptedMachine(true);
        ScriptedMachine device = new ScriptedMachine(false).sendAt(0, addr("198.51.100.1", 3478), "hello");
        ScriptedMachine stranger = new ScriptedMachine(false).sendAt(SECOND, addr("203.0.113.5", 40000), "knock");
        net.addHost("server", net.internet(), "198.51.100.1", 3478, server, 10 * MS, 0);
        net.addHost("device", home, "10.0.0.2", 40000, device, 0, 0);
        net.addHost("stranger", net.internet(), "192.0.2.66", 9999, stranger, 10 * MS, 0);
        net.runFor(2 * SECOND);
        assertThat(server.received()).singleElement()
                .satisfies(r -> assertThat(r.from()).isEqualTo(addr("203.0.113.5", 40000)));
        assertThat(device.received()).extracting(r -> new String(r.payload().toArray())).containsExactly("hello");
        assertThat(home.nat().droppedFiltered()).isEqualTo(1);
    }

    @Test
    void simultaneousOpenPunchesThroughTwoPortRestrictedNats() {
        VirtualNetwork net = new VirtualNetwork(1);
        Site a = net.addNat("a", net.internet(), NatPreset.PORT_RESTRICTED.config(), "203.0.113.1", 20 * MS, 0);
        Site b = net.addNat("b", net.internet(), NatPreset.PORT_RESTRICTED.config(), "203.0.113.2", 40 * MS, 0);
        ScriptedMachine ma = new ScriptedMachine(false);
        ScriptedMachine mb = new ScriptedMachine(false);
        for (int i = 0; i < 5; i++) {
            ma.sendAt(i * 50 * MS, addr("203.0.113.2", 40000), "a" + i);
            mb.sendAt(i * 50 * MS, addr("203.0.113.1", 40000), "b" + i);
        }
        net.addHost("A", a, "10.0.0.2", 40000, ma, 0, 0);
        net.addHost("B", b, "10.0.0.2", 40000, mb, 0, 0);
        net.runFor(SECOND);
        // The first probe each way reaches a NAT that has already sent out: both open at once.
        assertThat(ma.received()).isNotEmpty();
        assertThat(mb.received()).isNotEmpty();
    }

    @Test
    void twoSymmetricRandomNatsDefeatANaivePunch() {
        VirtualNetwork net = new VirtualNetwork(1);
        Site a = net.addNat("a", net.internet(), NatPreset.SYMMETRIC_RANDOM.config(), "203.0.113.1", 20 * MS, 0);
        Site b = net.addNat("b", net.internet(), NatPreset.SYMMETRIC_RANDOM.config(), "203.0.113.2", 20 * MS, 0);
        ScriptedMachine ma = new ScriptedMachine(false).sendAt(0, addr("203.0.113.2", 40000), "a");
        ScriptedMachine mb = new ScriptedMachine(false).sendAt(0, addr("203.0.113.1", 40000), "b");
        net.addHost("A", a, "10.0.0.2", 40000, ma, 0, 0);
        net.addHost("B", b, "10.0.0.2", 40000, mb, 0, 0);
        net.runFor(SECOND);
        assertThat(ma.received()).isEmpty();
        assertThat(mb.received()).isEmpty();
    }

    @Test
    void lowTtlPrimingOpensTheOwnNatWithoutReachingTheFarOne() {
        VirtualNetwork net = new VirtualNetwork(1);
        Site a = net.addNat("a", net.internet(), NatPreset.LINUX_MASQUERADE.config(), "203.0.113.1", 20 * MS, 0);
        Site b = net.addNat("b", net.internet(), NatPreset.LINUX_MASQUERADE.config(), "203.0.113.2", 20 * MS, 0);
        // A primes with TTL 2 (its NAT plus one hop), B then sends normally, then A for real.
        ScriptedMachine ma = new ScriptedMachine(false)
                .sendAt(0, addr("203.0.113.2", 40000), "prime", 0, 2)
                .sendAt(100 * MS, addr("203.0.113.2", 40000), "real", 0, -1);
        ScriptedMachine mb = new ScriptedMachine(false).sendAt(10 * MS, addr("203.0.113.1", 40000), "b");
        net.addHost("A", a, "10.0.0.2", 40000, ma, 0, 0);
        net.addHost("B", b, "10.0.0.2", 40000, mb, 0, 0);
        net.runFor(SECOND);
        assertThat(ma.received()).extracting(r -> new String(r.payload().toArray())).containsExactly("b");
        assertThat(mb.received()).extracting(r -> new String(r.payload().toArray())).containsExactly("real");
        assertThat(b.nat().collisionRemaps()).as("the prime never reached B's NAT").isZero();
    }

    @Test
    void anEarlyFullTtlProbeMakesTheLinuxNatRemapThePortAndThePunchFail() {
        VirtualNetwork net = new VirtualNetwork(1);
        Site a = net.addNat("a", net.internet(), NatPreset.LINUX_MASQUERADE.config(), "203.0.113.1", 20 * MS, 0);
        Site b = net.addNat("b", net.internet(), NatPreset.LINUX_MASQUERADE.config(), "203.0.113.2", 20 * MS, 0);
        ScriptedMachine ma = new ScriptedMachine(false).sendAt(0, addr("203.0.113.2", 40000), "early");
        ScriptedMachine mb = new ScriptedMachine(false).sendAt(100 * MS, addr("203.0.113.1", 40000), "late");
        net.addHost("A", a, "10.0.0.2", 40000, ma, 0, 0);
        net.addHost("B", b, "10.0.0.2", 40000, mb, 0, 0);
        net.runFor(SECOND);
        assertThat(b.nat().collisionRemaps()).isEqualTo(1);
        // B's answer leaves from a remapped port that A's port-restricted NAT has never sent to.
        assertThat(ma.received()).isEmpty();
        assertThat(a.nat().droppedFiltered()).isEqualTo(1);
    }

    @Test
    void hostsInOneSiteTalkOverTheLanAndHairpinningIsOptIn() {
        VirtualNetwork net = new VirtualNetwork(1);
        Site lan = net.addNat("lan", net.internet(), NatPreset.FULL_CONE.config(), "203.0.113.1", 20 * MS, 0);
        ScriptedMachine m1 = new ScriptedMachine(true);
        ScriptedMachine m2 = new ScriptedMachine(false)
                .sendAt(0, addr("10.0.0.2", 40000), "lan")
                .sendAt(0, addr("203.0.113.1", 40000), "hairpin");
        net.addHost("m1", lan, "10.0.0.2", 40000, m1, 0, 0);
        net.addHost("m2", lan, "10.0.0.3", 40000, m2, 0, 0);
        net.runFor(SECOND);
        assertThat(m1.received()).extracting(r -> new String(r.payload().toArray())).containsExactly("lan");
    }

    @Test
    void cascadedNatsTranslateTwice() {
        VirtualNetwork net = new VirtualNetwork(1);
        Site carrier = net.addNat("cgnat", net.internet(), NatPreset.CGNAT_CELLULAR.config(), "203.0.113.9", 40 * MS, 0);
        Site home = net.addNat("home", carrier, NatPreset.PORT_RESTRICTED.config(), "100.64.0.7", 0, 0);
        ScriptedMachine server = new ScriptedMachine(true);
        ScriptedMachine device = new ScriptedMachine(false).sendAt(0, addr("198.51.100.1", 3478), "x");
        net.addHost("server", net.internet(), "198.51.100.1", 3478, server, 10 * MS, 0);
        net.addHost("device", home, "192.168.1.2", 40000, device, 0, 0);
        net.runFor(SECOND);
        assertThat(server.received()).singleElement()
                .satisfies(r -> assertThat(r.from().getAddress().getHostAddress()).isEqualTo("203.0.113.9"));
        assertThat(device.received()).hasSize(1);
    }

    @Test
    void aHostWithTwoAddressesAnswersFromTheSocketItIsTold() {
        VirtualNetwork net = new VirtualNetwork(1);
        ScriptedMachine server = new ScriptedMachine(false)
                .sendAt(100 * MS, addr("192.0.2.1", 4000), "from-second-address", 2, -1);
        ScriptedMachine client = new ScriptedMachine(false);
        net.addHost("server", net.internet(),
                java.util.List.of("198.51.100.1:3478", "198.51.100.1:3479", "198.51.100.2:3478"), server, 10 * MS, 0);
        net.addHost("client", net.internet(), "192.0.2.1", 4000, client, 10 * MS, 0);
        net.runFor(SECOND);
        assertThat(client.received()).singleElement()
                .satisfies(r -> assertThat(r.from()).isEqualTo(addr("198.51.100.2", 3478)));
    }

    @Test
    void lossDropsAboutTheConfiguredShare() {
        VirtualNetwork net = new VirtualNetwork(7);
        ScriptedMachine sink = new ScriptedMachine(false);
        ScriptedMachine source = new ScriptedMachine(false);
        for (int i = 0; i < 2000; i++) {
            source.sendAt(i * MS, addr("198.51.100.1", 1), "p");
        }
        net.addHost("sink", net.internet(), "198.51.100.1", 1, sink, 5 * MS, 0);
        net.addHost("source", net.internet(), "192.0.2.1", 1, source, 5 * MS, 0.10);
        net.runFor(10 * SECOND);
        assertThat(sink.received().size()).isBetween(1700, 1900);
    }

    @Test
    void sameSeedGivesTheSameTraceAndAnotherSeedAnotherOne() {
        assertThat(lossyRunDigest(3)).isEqualTo(lossyRunDigest(3)).isNotEqualTo(lossyRunDigest(4));
    }

    private static long lossyRunDigest(long seed) {
        VirtualNetwork net = new VirtualNetwork(seed);
        ScriptedMachine echo = new ScriptedMachine(true);
        ScriptedMachine source = new ScriptedMachine(false);
        for (int i = 0; i < 200; i++) {
            source.sendAt(i * MS, addr("198.51.100.1", 1), "p" + i);
        }
        net.addHost("echo", net.internet(), "198.51.100.1", 1, echo, 5 * MS, 0.2);
        Host<?> h = net.addHost("source", net.internet(), "192.0.2.1", 1, source, 5 * MS, 0.2);
        net.runFor(10 * SECOND);
        assertThat(h.received()).isPositive();
        return net.traceDigest();
    }
}
