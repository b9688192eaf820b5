package net.overlay.core.proto.transport;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.proto.agent.DeviceMachine;
import net.overlay.core.proto.session.Session;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.CongestionControls;
import net.overlay.core.testing.TraversalWorld;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transport inside real sessions: rendezvous, device and client behind NATs on the in-memory
 * network, the full protocol (registration, connect, relayed handshake, hole punching), with
 * {@link TransportPayload} attached to the peer sessions. The client sends one stream of a few
 * MB; the session starts on the relay and moves to the direct path while the bytes flow. The
 * device must read every byte once, in order (SHA-256 and count), and the FIN.
 */
class TransportOverSessionsTest {
    private static final long TRANSFER_BYTES = 3L << 20;
    private static final long SLICE_NS = MS;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("cubic", 0.0, 21L));
        // 1% on each access link: about 2% of the packets on either path. Seed 21 at this loss loses
        // the client's first PUNCH_SYNC; the copies the client now sends keep the upgrade on track.
        out.add(Arguments.of("cubic", 0.01, 21L));
        for (CongestionControlFactory f : CongestionControls.available(TransportOverSessionsTest.class.getClassLoader())) {
            for (long seed = 30; seed < 32; seed++) {
                out.add(Arguments.of(f.name(), 0.01, seed));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, loss {1} on both access links, seed {2}")
    @MethodSource("cases")
    void aStreamStartedOnTheRelayMovesDirectMidTransferAndArrivesWholeWithItsFin(String cc, double loss, long seed) {
        Ends e = new Ends(new TraversalWorld(seed), CongestionControls.find(cc, getClass().getClassLoader()), loss);
        e.w.net.act(e.w.client, c -> ((ClientMachine) c).connect(e.w.net.nowNs(), "camera-1", "http"));
        assertThat(e.run(10 * SECOND, () -> !e.client.isEmpty() && !e.device.isEmpty())).as("session up").isTrue();

        boolean done = e.run(60 * SECOND, () -> e.receiver.finished.size() == 1 && e.sender.allWritten());

        assertThat(done).as("transfer finished, %d of %d bytes read", e.received(), TRANSFER_BYTES).isTrue();
        assertThat(e.receiver.finished.get(e.sender.streamId(0))).as("SHA-256 at the device")
                .isEqualTo(e.sender.digest(0));
        assertThat(e.received()).as("bytes read: none lost, none twice").isEqualTo(TRANSFER_BYTES);
        assertThat(e.receivedAtUpgradeBytes).as("the direct path took over mid-transfer")
                .isPositive().isLessThan(TRANSFER_BYTES);
        Session s = e.w.events(e.w.client, AgentEvent.PeerConnected.class).getFirst().session();
        assertThat(s.activePath().isDirect()).isTrue();
        assertThat(e.client.getFirst().undecodablePackets() + e.device.getFirst().undecodablePackets()).isZero();
        assertThat(e.client.getFirst().transport().isClosed()).isFalse();
    }

    /** The world, the payloads attached to peer sessions, and the two applications. */
    private static final class Ends {
        final TraversalWorld w;
        final List<TransportPayload> device = new ArrayList<>();
        final List<TransportPayload> client = new ArrayList<>();
        final BulkSender sender = new BulkSender(1, TRANSFER_BYTES, 5, 0);
        final BulkReceiver receiver = new BulkReceiver(TransportConfig.DEFAULTS, 0, 0);
        long receivedAtUpgradeBytes = -1;

        Ends(TraversalWorld w, CongestionControlFactory cc, double loss) {
            this.w = w;
            w.addDevice(NatPreset.PORT_RESTRICTED.config(), 20 * MS, loss);
            w.addClient(NatPreset.PORT_RESTRICTED, 30 * MS, loss);
            w.deviceMachine().setPayloadFactory(s -> add(device, cc, s));
            w.clientMachine().setPayloadFactory(s -> add(client, cc, s));
            assertThat(w.net.runUntil(() -> w.deviceMachine().isRegistered()
                    && w.has(w.client, AgentEvent.RendezvousReady.class), 30 * SECOND)).isTrue();
        }

        private static TransportPayload add(List<TransportPayload> list, CongestionControlFactory cc, Session s) {
            TransportPayload p = TransportPayload.create(TransportConfig.DEFAULTS, cc, 77, s.isInitiator(), s::close);
            list.add(p);
            return p;
        }

        /** Runs the network in slices, letting both applications act between them. */
        boolean run(long maxNs, BooleanSupplier done) {
            long endNs = w.net.nowNs() + maxNs;
            while (w.net.nowNs() < endNs) {
                pump();
                if (done.getAsBoolean()) {
                    return true;
                }
                w.net.runFor(SLICE_NS);
            }
            return done.getAsBoolean();
        }

        private void pump() {
            long nowNs = w.net.nowNs();
            if (!client.isEmpty()) {
                Transport t = client.getFirst().transport();
                for (TransportEvent ev; (ev = t.pollEvent()) != null; ) {
                    sender.onEvent(t, ev, nowNs);
                }
                sender.onTick(t, nowNs);
                w.net.act(w.client, c -> ((ClientMachine) c).flush(nowNs));
            }
            if (!device.isEmpty()) {
                Transport t = device.getFirst().transport();
                for (TransportEvent ev; (ev = t.pollEvent()) != null; ) {
                    receiver.onEvent(t, ev, nowNs);
                }
                receiver.onTick(t, nowNs);
                // Reading frees flow-control credit: MAX_DATA goes out at this flush.
                w.net.act(w.device, d -> ((DeviceMachine) d).flush(nowNs));
            }
            if (receivedAtUpgradeBytes < 0 && w.has(w.client, AgentEvent.PathUpgraded.class)) {
                receivedAtUpgradeBytes = received();
            }
        }

        long received() {
            return receiver.received.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
