package net.overlay.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import net.overlay.core.proto.agent.AgentConfig;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.DeviceMachine;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.rendezvous.Directory;
import net.overlay.core.proto.rendezvous.InMemoryDirectory;
import net.overlay.core.proto.traversal.KeepalivePolicy;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6's robustness on a live node (real UDP on loopback): oversized, malformed and flooding
 * datagrams end as counted drops in {@link NodeMetrics}, a registered device keeps its registration
 * and its keepalives answered meanwhile, and nothing a stranger sends gets a reply larger than three
 * times the request ({@link StrangerProbe}). Each test sends from its own loopback IP (127.0.0.x),
 * so the per-source buckets do not mix; the flood runs last, so that its stragglers cannot blur the
 * exact counts of the others.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveNodeRobustnessTest {
    private static final long S = 1_000_000_000L;
    private static final int RATE_PER_S = 200;
    private static final int BURST = 100;

    @TempDir
    static Path tmp;

    private static ClusterNode node;
    private static AgentSwarm swarm;
    private static final List<AgentEvent> deviceEvents = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startNodeAndDevice() throws IOException {
        RandomSource random = RandomSource.seeded(66);
        Identity device = Identity.generate(random);
        Identity owner = Identity.generate(random);
        InMemoryDirectory directory = new InMemoryDirectory()
                .addDevice(new Directory.DeviceRecord(new DeviceId("dev-0"), device.peerId(), owner.peerId()));
        node = ClusterNode.start(TestCluster.parse(TestCluster.loneNodeConfig(tmp.resolve("keys"), """
                overlay.rendezvous {
                  keepalive-interval = 1s, registration-timeout = 10s, registry.refresh-interval = 1s
                  rate-limit { per-source-datagrams-per-second = %d, per-source-burst = %d }
                }
                """.formatted(RATE_PER_S, BURST))), ClusterNodeExtensions.of(directory));
        swarm = new AgentSwarm((a, e) -> deviceEvents.add(e));
        DatagramChannel[] chans = swarm.bindSockets();
        Identity cluster = node.identity();
        long epochMs = System.currentTimeMillis() - swarm.nowNs() / 1_000_000L;
        AgentConfig c = AgentConfig.of(device, node.udpAddresses().getFirst(), cluster.staticPublicKey(), cluster.peerId(),
                        AgentSwarm.addresses(chans), epochMs)
                .withKeepalive(new KeepalivePolicy.Config(S, S, 0.8, 300 * S, 10 * S));
        swarm.add(new DeviceMachine(c, RandomSource.seeded(67), new DeviceId("dev-0"), owner.peerId(), List.of("http")),
                chans);
        swarm.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (swarm != null) {
            swarm.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(3)
    void aFloodFromOneSourceIsDroppedAndCountedWhileARegisteredDeviceKeepsBeingServed() throws Exception {
        await("device registered", 20, () -> has(AgentEvent.RendezvousReady.class));
        NodeMetrics.Snapshot before = node.metrics().snapshot();
        long kernelDrops0 = TestCluster.udpReceiveBufferDrops();
        long sent = 0;
        long floodStartNs = System.nanoTime();
        try (DatagramSocket flooder = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0))) {
            byte[] junk = new byte[64];
            junk[0] = (byte) 0xFF;   // neither STUN (0-3) nor the overlay's magic: garbage if it passes
            DatagramPacket p = new DatagramPacket(junk, junk.length, node.udpAddresses().getFirst());
            // About 20,000 datagrams/s for 3 s: a hundred times the source's rate.
            while (System.nanoTime() - floodStartNs < 3 * S) {
                for (int i = 0; i < 20; i++) {
                    flooder.send(p);
                    sent++;
                }
                LockSupport.parkNanos(1_000_000L);
            }
        }
        double floodS = (System.nanoTime() - floodStartNs) / 1e9;
        // Counters are published once a second: wait until every flood datagram is accounted for.
        long kernelDrops = Math.max(0, TestCluster.udpReceiveBufferDrops() - kernelDrops0);
        long sentFinal = sent;
        await("flood accounted for", 10, () -> {
            NodeMetrics.Snapshot s = node.metrics().snapshot();
            return (s.droppedRateLimited() - before.droppedRateLimited()) + (s.garbageDatagrams() - before.garbageDatagrams())
                    + (s.inboundQueueDrops() - before.inboundQueueDrops()) + kernelDrops >= sentFinal;
        });
        NodeMetrics.Snapshot after = node.metrics().snapshot();
        long passed = after.garbageDatagrams() - before.garbageDatagrams();
        System.out.printf("flood: %d datagrams in %.1f s from one source; rate-limited %d, passed %d, reader queue drops %d,"
                        + " kernel receive-buffer drops (whole namespace) %d; device keepalives answered meanwhile %d%n",
                sent, floodS, after.droppedRateLimited() - before.droppedRateLimited(), passed,
                after.inboundQueueDrops() - before.inboundQueueDrops(), kernelDrops, after.keepalives() - before.keepalives());
        // Token bucket: at most the burst plus the rate for the flood's duration (and the second it took to count).
        assertThat(passed).isLessThanOrEqualTo((long) (BURST + RATE_PER_S * (floodS + 1)));
        assertThat(after.droppedRateLimited() - before.droppedRateLimited()).isGreaterThan(sent / 2);
        // The device (another source) was served throughout: keepalives every second, none lost.
        assertThat(after.keepalives() - before.keepalives()).isGreaterThanOrEqualTo(2);
        assertThat(deviceEvents).noneMatch(e -> e instanceof AgentEvent.RendezvousLost);
        assertThat(after.registeredDevices()).isEqualTo(1);
    }

    @Test
    @Order(1)
    void oversizedAndMalformedDatagramsAreCountedAndNeverAnswered() throws Exception {
        NodeMetrics.Snapshot before = node.metrics().snapshot();
        try (StrangerProbe probe = new StrangerProbe("127.0.0.4", node.udpAddresses().getFirst())) {
            for (int i = 0; i < 10; i++) {
                probe.send(new byte[3000]);                      // over udp.max-datagram-bytes (2048)
                probe.send(StrangerProbe.garbage(100));          // not STUN, not the overlay
                probe.send(StrangerProbe.brokenStun());          // STUN's first bits, no magic cookie
                probe.send(StrangerProbe.truncatedInitiation()); // an initiation header and 10 bytes
            }
            await("drops counted", 10, () -> {
                NodeMetrics.Snapshot s = node.metrics().snapshot();
                return s.droppedOversize() - before.droppedOversize() == 10
                        && s.stunUnanswered() - before.stunUnanswered() == 10
                        && s.garbageDatagrams() - before.garbageDatagrams() == 10
                        // too short to hold a Noise message: refused as unauthentic before any DH
                        && s.handshakesRefused() - before.handshakesRefused() == 10;
            });
            assertThat(probe.receive(500)).as("no reply to any of them").isNull();
        }
        assertThat(node.metrics().snapshot().droppedRateLimited()).isEqualTo(before.droppedRateLimited());
    }

    @Test
    @Order(2)
    void noReplyToAnUnverifiedSourceIsLargerThanThreeTimesItsRequest() throws Exception {
        try (StrangerProbe probe = new StrangerProbe("127.0.0.5", node.udpAddresses().getFirst())) {
            for (byte[] request : StrangerProbe.bindingRequests()) {
                probe.send(request);
                byte[] reply = probe.receive(5_000);
                assertThat(reply).as("an answer to a %d-byte Binding request", request.length).isNotNull();
                assertThat(reply.length).as("reply to a %d-byte request", request.length).isLessThanOrEqualTo(3 * request.length);
            }
            byte[] initiation = StrangerProbe.initiation(node.identity(), node.udpAddresses().getFirst());
            probe.send(initiation);
            byte[] response = probe.receive(5_000);
            assertThat(response).as("a handshake response").isNotNull();
            assertThat(response.length).isLessThanOrEqualTo(initiation.length);
            byte[] unauthorized = StrangerProbe.initiationWithoutHello(node.identity(), node.udpAddresses().getFirst());
            probe.send(unauthorized);
            assertThat(probe.receive(500)).as("no answer to an initiation without a valid hello").isNull();
        }
    }

    private static boolean has(Class<? extends AgentEvent> type) {
        return deviceEvents.stream().anyMatch(type::isInstance);
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * S;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for: " + what + "; node "
                        + node.metrics().snapshot());
            }
            Thread.sleep(50);   // bounded wait for a live node's counters
        }
    }
}
