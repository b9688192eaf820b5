package net.overlay.core.proto.transport;

import static net.overlay.core.proto.transport.Impairment.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stream, datagram and lifecycle API between two transports over a clean 5 ms link. */
class TransportStreamsTest {
    private static final long SECOND = 1_000_000_000L;

    private final RecordingApp clientApp = new RecordingApp();
    private final RecordingApp serverApp = new RecordingApp();

    private TransportPair pair(TransportConfig config) {
        return new TransportPair(new Transport(config, AimdController.withDefaults(), null, true), clientApp,
                new Transport(config, AimdController.withDefaults(), null, false), serverApp,
                Impairment.clean(5 * MS), 1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String readAll(Transport t, long id) {
        byte[] buf = new byte[4096];
        StringBuilder sb = new StringBuilder();
        int n;
        while ((n = t.read(id, buf, 0, buf.length)) > 0) {
            sb.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        }
        return sb.toString();
    }

    @Test
    void clientStreamsHaveEvenIdsAndServerStreamsOddOnes() {
        TransportPair p = pair(TransportConfig.DEFAULTS);
        assertThat(new long[] {p.client.openStream(), p.client.openStream(), p.server.openStream()})
                .containsExactly(0, 2, 1);
    }

    @Test
    void bothDirectionsOfAStreamCarryDataAndFin() {
        TransportPair p = pair(TransportConfig.DEFAULTS);
        long id = p.client.openStream();
        p.client.write(id, bytes("ping"), 0, 4);
        p.client.finish(id);
        p.drive(SECOND, () -> !serverApp.of(TransportEvent.StreamFinished.class).isEmpty());
        assertThat(serverApp.of(TransportEvent.StreamOpened.class)).containsExactly(new TransportEvent.StreamOpened(id));
        assertThat(readAll(p.server, id)).isEqualTo("ping");
        assertThat(p.server.read(id, new byte[8], 0, 8)).isEqualTo(-1);
        p.server.write(id, bytes("pong"), 0, 4);
        p.server.finish(id);
        p.drive(2 * SECOND, () -> !clientApp.of(TransportEvent.StreamFinished.class).isEmpty());
        assertThat(readAll(p.client, id)).isEqualTo("pong");
        assertThat(p.client.read(id, new byte[8], 0, 8)).isEqualTo(-1);
        p.drive(3 * SECOND, () -> p.client.openStreamCount() == 0 && p.server.openStreamCount() == 0);
        assertThat(p.client.openStreamCount()).as("a stream done both ways is forgotten").isZero();
        assertThat(p.server.openStreamCount()).isZero();
    }

    @Test
    void concurrentStreamsShareTheLinkFairly() {
        BulkSender sender = new BulkSender(3, 2_000_000, 9, 0);
        BulkReceiver receiver = new BulkReceiver(TransportConfig.DEFAULTS, 0, 0);
        TransportPair p = new TransportPair(
                new Transport(TransportConfig.DEFAULTS, AimdController.withDefaults(), null, true), sender,
                new Transport(TransportConfig.DEFAULTS, AimdController.withDefaults(), null, false), receiver,
                Impairment.clean(10 * MS).withBottleneck(2_000_000, 40_000), 3);
        assertThat(p.drive(10 * SECOND,
                () -> receiver.received.values().stream().mapToLong(Long::longValue).sum() >= 3_000_000)).isTrue();
        for (long got : receiver.received.values()) {
            assertThat(got).as("each stream's share of 3 MB").isBetween(900_000L, 1_100_000L);
        }
    }

    @Test
    void writesBeyondTheSendBufferAreRefusedUntilAcknowledgementsMakeRoom() {
        TransportPair p = pair(TransportConfig.DEFAULTS.withStreamSendBufferBytes(8192));
        long id = p.client.openStream();
        assertThat(p.client.write(id, new byte[10_000], 0, 10_000)).isEqualTo(8192);
        assertThat(p.client.sendBufferedBytes(id)).isEqualTo(8192);
        assertThat(p.client.write(id, new byte[1], 0, 1)).isZero();
        p.drive(SECOND, () -> !clientApp.of(TransportEvent.StreamWritable.class).isEmpty());
        assertThat(clientApp.of(TransportEvent.StreamWritable.class)).containsExactly(new TransportEvent.StreamWritable(id));
        assertThat(p.client.sendBufferedBytes(id)).isLessThan(8192);
    }

    @Test
    void openingMoreStreamsThanThePeerAllowsWaitsForStreamsToClose() {
        TransportPair p = pair(TransportConfig.DEFAULTS.withMaxStreams(2));
        long a = p.client.openStream();
        long b = p.client.openStream();
        assertThat(p.client.openStream()).isEqualTo(-1);
        for (long id : new long[] {a, b}) {
            p.client.finish(id);
        }
        p.drive(SECOND, () -> serverApp.of(TransportEvent.StreamFinished.class).size() == 2);
        for (long id : new long[] {a, b}) {
            assertThat(p.server.read(id, new byte[1], 0, 1)).isEqualTo(-1);
            p.server.finish(id);
        }
        p.drive(2 * SECOND, () -> !clientApp.of(TransportEvent.StreamsAvailable.class).isEmpty());
        assertThat(p.client.openStream()).isEqualTo(4);
    }

    @Test
    void aResetReachesThePeerWithItsCodeAndEndsReading() {
        TransportPair p = pair(TransportConfig.DEFAULTS);
        long id = p.client.openStream();
        p.client.write(id, new byte[5000], 0, 5000);
        p.drive(SECOND, () -> !serverApp.of(TransportEvent.StreamReadable.class).isEmpty());
        p.client.reset(id, 77);
        p.drive(2 * SECOND, () -> !serverApp.of(TransportEvent.StreamReset.class).isEmpty());
        assertThat(serverApp.of(TransportEvent.StreamReset.class)).containsExactly(new TransportEvent.StreamReset(id, 77));
        assertThat(p.server.read(id, new byte[10], 0, 10)).isEqualTo(-1);
        assertThatThrownBy(() -> p.client.write(id, new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stopSendingMakesThePeerResetTheStreamWithTheSameCode() {
        TransportPair p = pair(TransportConfig.DEFAULTS);
        long id = p.client.openStream();
        p.client.write(id, new byte[100], 0, 100);
        p.drive(SECOND, () -> !serverApp.of(TransportEvent.StreamOpened.class).isEmpty());
        p.server.stopSending(id, 9);
        p.drive(2 * SECOND, () -> !serverApp.of(TransportEvent.StreamReset.class).isEmpty());
        assertThat(clientApp.of(TransportEvent.StopSendingReceived.class))
                .containsExactly(new TransportEvent.StopSendingReceived(id, 9));
        assertThat(serverApp.of(TransportEvent.StreamReset.class)).containsExactly(new TransportEvent.StreamReset(id, 9));
    }

    @Test
    void datagramsArriveAndOversizedOnesAreDroppedAndCounted() {
        TransportPair p = pair(TransportConfig.DEFAULTS);
        assertThat(p.client.sendDatagram(bytes("hello"), 0, 5)).isTrue();
        assertThat(p.client.sendDatagram(new byte[1200], 0, 1200)).isFalse();
        assertThat(p.client.datagramsDropped()).isEqualTo(1);
        p.drive(SECOND, () -> !serverApp.of(TransportEvent.DatagramReceived.class).isEmpty());
        assertThat(serverApp.of(TransportEvent.DatagramReceived.class).getFirst().data().toArray()).isEqualTo(bytes("hello"));
    }

    @Test
    void aPathChallengeIsAnswered() {
        TransportPair p = pair(TransportConfig.DEFAULTS);
        p.client.sendPathChallenge(0x1122334455667788L);
        p.drive(SECOND, () -> !clientApp.of(TransportEvent.PathResponseReceived.class).isEmpty());
        assertThat(clientApp.of(TransportEvent.PathResponseReceived.class))
                .containsExactly(new TransportEvent.PathResponseReceived(0x1122334455667788L));
    }

    @Test
    void closeTellsThePeerAndStopsBothEnds() {
        TransportPair p = pair(TransportConfig.DEFAULTS);
        p.client.close(42, "bye");
        p.drive(SECOND, () -> !serverApp.of(TransportEvent.ConnectionClosed.class).isEmpty());
        assertThat(serverApp.of(TransportEvent.ConnectionClosed.class))
                .containsExactly(new TransportEvent.ConnectionClosed(42, "bye"));
        assertThat(p.client.isClosed()).isTrue();
        assertThat(p.server.isClosed()).isTrue();
    }

    @Test
    void silenceLongerThanTheIdleTimeoutClosesTheTransport() {
        TransportConfig config = TransportConfig.DEFAULTS.withIdleTimeoutNs(2 * SECOND);
        TransportPair p = pair(config);
        p.drive(10 * SECOND, () -> !clientApp.of(TransportEvent.IdleTimeout.class).isEmpty());
        assertThat(clientApp.of(TransportEvent.IdleTimeout.class)).hasSize(1);
        assertThat(p.nowNs).isEqualTo(2 * SECOND);
        assertThat(p.client.pollTimeoutNs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void oneAckElicitingPacketIsAcknowledgedAfterTheMaxAckDelayAndTwoAtOnce() throws Exception {
        Transport a = new Transport(TransportConfig.DEFAULTS, AimdController.withDefaults(), null, true);
        Transport b = new Transport(TransportConfig.DEFAULTS, AimdController.withDefaults(), null, false);
        byte[] buf = new byte[2000];
        long id = a.openStream();
        a.write(id, new byte[10], 0, 10);
        int len = a.pollPacket(0, a.nextPacketNumber(), buf, 0, buf.length);
        b.handlePacket(0, a.nextPacketNumber() - 1, buf, 0, len);
        assertThat(b.pollPacket(0, b.nextPacketNumber(), buf, 0, buf.length)).as("no ACK yet").isZero();
        assertThat(b.pollTimeoutNs()).isEqualTo(25 * MS);
        assertThat(b.pollPacket(25 * MS, b.nextPacketNumber(), buf, 0, buf.length)).as("the delayed ACK").isPositive();

        a.write(id, new byte[10], 0, 10);
        len = a.pollPacket(30 * MS, a.nextPacketNumber(), buf, 0, buf.length);
        b.handlePacket(30 * MS, a.nextPacketNumber() - 1, buf, 0, len);
        a.write(id, new byte[10], 0, 10);
        len = a.pollPacket(30 * MS, a.nextPacketNumber(), buf, 0, buf.length);
        b.handlePacket(30 * MS, a.nextPacketNumber() - 1, buf, 0, len);
        assertThat(b.pollPacket(30 * MS, b.nextPacketNumber(), buf, 0, buf.length)).as("the second packet is acknowledged at once").isPositive();
    }

    @Test
    void acknowledgementsGoOutEvenWhenTheCongestionWindowIsShut() {
        FixedWindowController shut = new FixedWindowController(0, 0);
        TransportPair p = new TransportPair(
                new Transport(TransportConfig.DEFAULTS, AimdController.withDefaults(), null, true), clientApp,
                new Transport(TransportConfig.DEFAULTS, shut, null, false), serverApp, Impairment.clean(5 * MS), 1);
        long id = p.client.openStream();
        p.client.write(id, new byte[20_000], 0, 20_000);
        p.drive(SECOND, () -> p.client.sendBufferedBytes(id) == 0);
        assertThat(p.client.sendBufferedBytes(id)).isZero();
        assertThat(p.client.bytesInFlight()).isZero();
    }

    @Test
    void thePacerSpacesPacketsAfterABurstOfTen() {
        Transport t = new Transport(TransportConfig.DEFAULTS, new FixedWindowController(1 << 20, 1_200_000), null, true);
        long id = t.openStream();
        t.write(id, new byte[100_000], 0, 100_000);
        byte[] buf = new byte[2000];
        int burst = 0;
        while (t.pollPacket(0, t.nextPacketNumber(), buf, 0, buf.length) > 0) {
            burst++;
        }
        assertThat(burst).isEqualTo(10);
        // 1200 bytes at 1.2 MB/s: one packet per millisecond.
        assertThat(t.pollTimeoutNs()).isBetween(1L, MS);
        assertThat(t.pollPacket(MS, t.nextPacketNumber(), buf, 0, buf.length)).isPositive();
        assertThat(t.pollPacket(MS, t.nextPacketNumber(), buf, 0, buf.length)).isZero();
    }
}
