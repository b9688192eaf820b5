package net.overlay.core.proto.transport;

import static net.overlay.core.proto.transport.Impairment.MS;
import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.spi.cc.PathChange;
import org.junit.jupiter.api.Test;

/**
 * The session moves between relay and direct paths mid-transfer: every stream survives, and not
 * one byte is lost or duplicated to the application (SHA-256 of each stream).
 */
class TransportPathChangeTest {
    private static final long BOUND_NS = 60_000_000_000L;

    private final AimdController clientCc = AimdController.withDefaults();
    private final AimdController serverCc = AimdController.withDefaults();
    private final BulkSender sender = new BulkSender(3, 1_000_000, 5, 0);
    private final BulkReceiver receiver = new BulkReceiver(TransportConfig.DEFAULTS, 0, 0);

    private TransportPair pair(Impairment first) {
        return new TransportPair(new Transport(TransportConfig.DEFAULTS, clientCc, null, true), sender,
                new Transport(TransportConfig.DEFAULTS, serverCc, null, false), receiver, first, 11);
    }

    private boolean halfReceived() {
        return receiver.received.values().stream().mapToLong(Long::longValue).sum() >= 1_500_000;
    }

    private boolean complete() {
        return receiver.finished.size() == 3 && sender.allWritten();
    }

    private void switchPath(TransportPair p, Impairment next) {
        p.toServer.setImpairment(next);
        p.toClient.setImpairment(next);
        p.client.onPathChange(p.nowNs, PathChange.NEW_PATH);
        p.server.onPathChange(p.nowNs, PathChange.NEW_PATH);
    }

    private void assertEveryStreamIntact() {
        for (int i = 0; i < 3; i++) {
            assertThat(receiver.finished.get(sender.streamId(i))).as("stream %d", i).isEqualTo(sender.digest(i));
        }
        assertThat(clientCc.pathChanges).isEqualTo(1);
        assertThat(serverCc.pathChanges).isEqualTo(1);
    }

    @Test
    void movingFromTheRelayToADirectPathLosesAndDuplicatesNothing() {
        TransportPair p = pair(Impairment.clean(40 * MS).withBottleneck(2_000_000, 50_000).named("relay"));
        assertThat(p.drive(BOUND_NS, this::halfReceived)).isTrue();
        // Packets already on the relay path still arrive, after those on the shorter direct path.
        switchPath(p, Impairment.clean(5 * MS).withLoss(0.01).named("direct"));
        assertThat(p.drive(BOUND_NS, this::complete)).as("finished after the switch").isTrue();
        assertEveryStreamIntact();
    }

    @Test
    void whenTheDirectPathDiesTheDataInFlightOnItIsResentOverTheRelay() {
        TransportPair p = pair(Impairment.clean(5 * MS).named("direct"));
        assertThat(p.drive(BOUND_NS, this::halfReceived)).isTrue();
        p.toServer.dropInFlight();
        p.toClient.dropInFlight();
        switchPath(p, Impairment.clean(40 * MS).withLoss(0.02).named("relay"));
        assertThat(p.drive(BOUND_NS, this::complete)).as("finished after the switch").isTrue();
        assertThat(p.toServer.lost).isPositive();
        assertEveryStreamIntact();
    }
}
