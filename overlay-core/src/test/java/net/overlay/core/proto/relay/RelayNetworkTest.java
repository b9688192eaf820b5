package net.overlay.core.proto.relay;

import static net.overlay.core.proto.relay.RelayFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.relay.AllocateResult.Allocated;
import net.overlay.core.spi.RandomSource;
import net.overlay.core.testing.VirtualNetwork;
import net.overlay.core.testing.VirtualNetwork.Host;
import net.overlay.core.testing.VirtualNetwork.Site;
import org.junit.jupiter.api.Test;

/**
 * A {@link RelayMachine} on the in-memory internet, between a client behind a port-restricted NAT
 * and a device behind a symmetric one with random ports: the case no punch can solve.
 */
class RelayNetworkTest {
    private final VirtualNetwork net = new VirtualNetwork(42);
    private final Site home = net.addNat("home", net.internet(), NatPreset.PORT_RESTRICTED.config(),
            "203.0.113.1", 20 * MS, 0);
    private final Site carrier = net.addNat("carrier", net.internet(), NatPreset.SYMMETRIC_RANDOM.config(),
            "203.0.113.2", 30 * MS, 0);
    private RelayMachine relayMachine;
    private Host<RelayEvent> relayHost;
    private Allocated alloc;

    private void startRelay(AllocationLimits limits) {
        relayMachine = new RelayMachine(roomyConfig(16), RandomSource.seeded(9));
        alloc = (Allocated) relayMachine.relay().allocate(0, limits);
        relayHost = net.addHost("relay", net.internet(), "198.51.100.10", 3478, relayMachine, 10 * MS, 0);
    }

    /** Attaches the client once its script is written (the network reads its first deadline then). */
    private RelayPeer attachClient(RelayPeer p) {
        net.addHost("client", home, "10.0.0.2", 40000, p, 0, 0);
        return p;
    }

    private RelayPeer attachDevice(RelayPeer p) {
        net.addHost("device", carrier, "10.64.0.2", 41000, p, 0, 0);
        return p;
    }

    @Test
    void forwardsBothWaysBetweenHostsBehindNatsWithEachSideSeeingItsOwnToken() {
        startRelay(roomyLimits());
        RelayPeer client = new RelayPeer(RELAY);
        RelayPeer device = new RelayPeer(RELAY);
        for (int i = 0; i < 3; i++) {
            client.sendAt(i * 100 * MS, alloc.clientToken(), "c" + i);
            device.sendAt(50 * MS + i * 100 * MS, alloc.deviceToken(), "d" + i);
        }
        attachClient(client);
        attachDevice(device);
        net.runFor(SECOND);
        // c0 reached the relay before the device had spoken: dropped, not buffered
        assertThat(device.markers()).containsExactly("c1", "c2");
        assertThat(client.markers()).containsExactly("d0", "d1", "d2");
        assertThat(client.received()).allSatisfy(r -> {
            assertThat(r.token()).isEqualTo(alloc.clientToken());
            assertThat(r.from()).isEqualTo(RELAY);
        });
        assertThat(device.received()).allSatisfy(r -> assertThat(r.token()).isEqualTo(alloc.deviceToken()));
        assertThat(relayMachine.relay().stats().droppedOtherSideUnknown()).isEqualTo(1);
    }

    @Test
    void followsAClientThatRoamsToANewMapping() {
        startRelay(roomyLimits());
        RelayPeer client = attachClient(new RelayPeer(RELAY)
                .sendAt(0, alloc.clientToken(), "c0")
                .sendAt(200 * MS, 1, relayed(alloc.clientToken(), "c1-from-new-socket")));
        RelayPeer device = attachDevice(new RelayPeer(RELAY)
                .sendAt(50 * MS, alloc.deviceToken(), "d0")
                .sendAt(300 * MS, alloc.deviceToken(), "d1"));
        net.runFor(SECOND);
        assertThat(client.received()).extracting(RelayPeer.Received::marker, RelayPeer.Received::socket)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("d0", 0), org.assertj.core.groups.Tuple.tuple("d1", 1));
        assertThat(device.markers()).containsExactly("c1-from-new-socket");
        assertThat(relayMachine.relay().stats().roams()).isEqualTo(1);
    }

    @Test
    void anUnrefreshedAllocationExpiresAndARefreshedOneLivesOn() {
        startRelay(new AllocationLimits(10 * SECOND, 1L << 30, 1L << 20, 1L << 20));
        RelayPeer client = attachClient(new RelayPeer(RELAY)
                .sendEvery(0, 30 * SECOND, SECOND, 0, alloc.clientToken(), "c"));
        RelayPeer device = attachDevice(new RelayPeer(RELAY)
                .sendEvery(500 * MS, 30 * SECOND, SECOND, 0, alloc.deviceToken(), "d"));
        net.runUntil(8 * SECOND);
        net.act(relayHost, m -> assertThat(((RelayMachine) m).relay().refresh(alloc.deviceToken(), 8 * SECOND)).isTrue());
        net.runUntil(40 * SECOND);
        // refreshed at 8 s, so it lived until 18 s; nothing got through after that
        assertThat(relayHost.events()).containsExactly(
                new RelayEvent.AllocationExpired(alloc.clientToken(), alloc.deviceToken(),
                        (client.received().size() + device.received().size()) * (long) relayed(1, "c").length));
        assertThat(client.received()).isNotEmpty().allSatisfy(r -> assertThat(r.atNs()).isLessThan(18 * SECOND + 50 * MS));
        assertThat(client.received().getLast().atNs()).isGreaterThan(17 * SECOND);
        assertThat(device.received()).allSatisfy(r -> assertThat(r.atNs()).isLessThan(18 * SECOND + 50 * MS));
        assertThat(relayMachine.relay().stats().droppedUnknownToken()).isGreaterThanOrEqualTo(2 * 11);
        assertThat(relayMachine.pollTimeoutNs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theByteBudgetCutsAStreamAndTheRendezvousHearsOfItOnce() {
        int packetBytes = relayed(1, "frame").length;
        startRelay(new AllocationLimits(3600 * SECOND, 50L * packetBytes, 1L << 20, 1L << 20));
        RelayPeer client = attachClient(new RelayPeer(RELAY).sendAt(0, alloc.clientToken(), "hello"));
        RelayPeer device = attachDevice(new RelayPeer(RELAY)
                .sendEvery(100 * MS, 1100 * MS, 10 * MS, 0, alloc.deviceToken(), "frame"));
        net.runFor(2 * SECOND);
        assertThat(client.received()).hasSize(50);
        assertThat(relayMachine.relay().stats().packetsForwarded()).isEqualTo(50);
        assertThat(relayMachine.relay().stats().droppedBudgetExhausted()).isEqualTo(50);
        assertThat(relayHost.events()).containsExactly(
                new RelayEvent.ByteBudgetExhausted(alloc.clientToken(), alloc.deviceToken(), 50L * packetBytes));
        assertThat(device.received()).isEmpty();
    }

    @Test
    void aFloodOfGuessesAndGarbageFromAStrangerGetsNothingBack() {
        startRelay(roomyLimits());
        RelayPeer client = attachClient(new RelayPeer(RELAY).sendAt(0, alloc.clientToken(), "c"));
        attachDevice(new RelayPeer(RELAY).sendAt(100 * MS, alloc.deviceToken(), "d"));
        RelayPeer stranger = new RelayPeer(RELAY);
        SplittableRandom rnd = new SplittableRandom(8);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[1 + rnd.nextInt(1400)];
            rnd.nextBytes(garbage);
            stranger.sendAt(i * MS, 0, i % 2 == 0 ? relayed(rnd.nextLong(), "guess") : garbage);
        }
        net.addHost("stranger", net.internet(), "192.0.2.66", 9999, stranger, 10 * MS, 0);
        net.runFor(5 * SECOND);
        assertThat(stranger.received()).isEmpty();
        assertThat(relayMachine.relay().stats().droppedTotal()).isGreaterThanOrEqualTo(2000);
        assertThat(client.markers()).containsExactly("d");
        assertThat(relayHost.events()).isEmpty();
    }
}
