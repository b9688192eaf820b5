package net.overlay.core.proto.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCodec;
import org.junit.jupiter.api.Test;

/**
 * The adapter between a session and the transport: the session's packet numbers, its packets
 * without our frames, its own frames in the plaintext, and transport errors.
 */
class TransportPayloadTest {
    private static final long MS = 1_000_000L;

    private final List<String> closes = new ArrayList<>();
    private final byte[] buf = new byte[2000];

    private TransportPayload payload(boolean isClient) {
        return new TransportPayload(Transport.insideSession(TransportConfig.DEFAULTS, AimdController.withDefaults(),
                null, isClient), (nowNs, code, reason) -> closes.add(code + " " + reason));
    }

    @Test
    void packetsCarryTheSessionsNumbersAndItsOwnPacketsFillTheGapsOutsideTheWindow() {
        TransportPayload p = payload(true);
        Transport t = p.transport();
        long id = t.openStream();
        t.write(id, new byte[5000], 0, 5000);
        // The session sent packets 0..2 before the payload was attached: numbering starts at 3.
        assertThat(p.writePacket(0, 3, buf, 0, buf.length)).isPositive();
        assertThat(t.nextPacketNumber()).isEqualTo(4);
        long inFlight = t.bytesInFlight();
        p.onPacketSentWithoutPayload(0, 4, 60);
        assertThat(t.bytesInFlight()).as("a probe or keepalive costs no window").isEqualTo(inFlight);
        assertThat(p.writePacket(0, 7, buf, 0, buf.length)).as("5 and 6 count as sent without our frames")
                .isPositive();
        assertThat(t.nextPacketNumber()).isEqualTo(8);
        assertThat(t.packetsSent()).isEqualTo(5);
        assertThatThrownBy(() -> p.writePacket(0, 7, buf, 0, buf.length)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSessionsOwnFramesAreLeftToTheSessionButItsPingIsAcknowledged() {
        TransportPayload p = payload(false);
        int len = FrameCodec.encode(new Frame.PathChallenge(42), buf, 0);
        len = FrameCodec.encode(new Frame.Control(3, Bytes.of(new byte[] {1, 2})), buf, len);
        p.onPacket(0, 0, buf, 0, len);
        assertThat(p.transport().pollEvent()).as("no ControlReceived: the session raised it").isNull();
        assertThat(p.writePacket(0, 0, buf, 0, buf.length)).as("no PATH_RESPONSE, no ACK for probing frames")
                .isZero();
        assertThat(p.pollTimeoutNs()).as("no delayed ACK either").isGreaterThan(25 * MS);

        len = FrameCodec.encode(new Frame.Ping(), buf, 0);
        p.onPacket(MS, 1, buf, 0, len);
        assertThat(p.writePacket(26 * MS, 0, buf, 0, buf.length)).as("a PING (the peer's probe) is acknowledged")
                .isPositive();
    }

    @Test
    void aTransportErrorClosesTheSessionWithItsCode() {
        TransportPayload p = payload(false);
        // Stream 1 is the responder's own kind, never opened: RFC 9000 19.8 STREAM_STATE_ERROR.
        int len = FrameCodec.encode(new Frame.Stream(1, 0, Bytes.of(new byte[] {7}), false, true), buf, 0);
        p.onPacket(0, 0, buf, 0, len);
        assertThat(closes).singleElement().asString()
                .startsWith(TransportException.Code.STREAM_STATE_ERROR.wireCode() + " ");
    }

    @Test
    void aPathChangeRestartsTheRttButARebindingKeepsIt() {
        TransportPayload p = payload(true);
        Transport t = p.transport();
        long id = t.openStream();
        t.write(id, new byte[100], 0, 100);
        int len = p.writePacket(0, 0, buf, 0, buf.length);
        Transport peer = new Transport(TransportConfig.DEFAULTS, AimdController.withDefaults(), null, false);
        TransportPayload peerPayload = new TransportPayload(peer, (n, c, r) -> { });
        peerPayload.onPacket(10 * MS, 0, buf, 0, len);
        int ackLen = peerPayload.writePacket(40 * MS, 0, buf, 0, buf.length);
        p.onPacket(50 * MS, 0, buf, 0, ackLen);
        assertThat(t.rtt().minRttNs()).isPositive();
        p.onPathChange(60 * MS, false);
        assertThat(t.rtt().minRttNs()).as("rebinding").isPositive();
        p.onPathChange(60 * MS, true);
        assertThat(t.rtt().minRttNs()).as("new path").isZero();
    }
}
