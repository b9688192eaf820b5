package net.overlay.lab.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.proto.relay.AllocateResult;
import net.overlay.core.proto.relay.Relay;
import net.overlay.core.proto.relay.RelayConfig;
import net.overlay.core.proto.session.Authorizer;
import net.overlay.core.proto.session.DatagramOutcome;
import net.overlay.core.proto.session.Path;
import net.overlay.core.proto.session.SessionEndpoint;
import net.overlay.core.proto.session.SessionEndpointConfig;
import net.overlay.core.proto.transport.Transport;
import net.overlay.core.proto.transport.TransportConfig;
import net.overlay.core.proto.transport.TransportPayload;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.CongestionControls;
import org.junit.jupiter.api.Test;

/**
 * Issue #9's resource bounds, each through the public API with a small cap: exceeding it gives a
 * clear refusal (a refusal value, a counted outcome, a short write, an exception naming the
 * limit), never unbounded growth. The peer-side refusals (STREAM_LIMIT_ERROR, FLOW_CONTROL_ERROR,
 * RELAY_UNAVAILABLE on the wire) and the tunnel's cap on waiting connections are shown by the core
 * tests docs/hardening.md names. No root needed.
 */
class ResourceCapsTest {
    private static final NoiseProtocol IK = NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S);
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.1", 4000);
    private static final CongestionControlFactory CUBIC = CongestionControls.find("cubic",
            ResourceCapsTest.class.getClassLoader());

    @Test
    void aRelayHoldingItsMaximumAllocationsRefusesTheNextAsFull() {
        Relay relay = new Relay(RelayConfig.defaults().withMaxAllocations(2), RandomSource.seeded(1));
        assertThat(relay.allocate(0)).isInstanceOf(AllocateResult.Allocated.class);
        assertThat(relay.allocate(0)).isInstanceOf(AllocateResult.Allocated.class);
        assertThat(relay.allocate(0)).isEqualTo(new AllocateResult.Refused(AllocateResult.Reason.FULL));
    }

    @Test
    void streamsBeyondTheLimitAreNotOpenedButWaitForOneToClose() {
        Transport t = transport(TransportConfig.DEFAULTS.withMaxStreams(3));
        for (int i = 0; i < 3; i++) {
            assertThat(t.openStream()).isNotNegative();
        }
        assertThat(t.openStream()).as("a fourth stream").isEqualTo(-1);
        assertThat(t.openStreamCount()).isEqualTo(3);
    }

    @Test
    void writesBeyondTheStreamSendBufferAreRefusedNotBuffered() {
        Transport t = transport(TransportConfig.DEFAULTS.withStreamSendBufferBytes(4096));
        long id = t.openStream();
        assertThat(t.write(id, new byte[10_000], 0, 10_000)).isEqualTo(4096);
        assertThat(t.write(id, new byte[1], 0, 1)).isZero();
        assertThat(t.sendBufferedBytes(id)).isEqualTo(4096);
    }

    @Test
    void anEndpointHoldingItsMaximumSessionsRefusesAnotherConnectNamingTheLimit() {
        SessionEndpoint e = endpoint(1, withCaps(2, 2));
        Bytes peerKey = Bytes.of(DhKeyPair.generate(RandomSource.seeded(2)).publicKey());
        e.connect(0, peerKey, Bytes.EMPTY, Path.direct(0, PEER));
        e.connect(0, peerKey, Bytes.EMPTY, Path.direct(0, PEER));
        assertThatThrownBy(() -> e.connect(0, peerKey, Bytes.EMPTY, Path.direct(0, PEER)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("maximum");
        assertThat(e.sessions()).hasSize(2);
    }

    @Test
    void aResponderAtItsHalfOpenCapCountsFurtherInitiationsAsOverCapacity() {
        SessionEndpoint responder = endpoint(10, withCaps(100, 2));
        Bytes responderKey = Bytes.of(responderKeys(10).publicKey());
        for (int i = 0; i < 4; i++) {
            SessionEndpoint initiator = endpoint(20 + i, SessionEndpointConfig.DEFAULT);
            initiator.connect(0, responderKey, Bytes.EMPTY, Path.direct(0, PEER));
            byte[] msg1 = initiator.pollTransmit().payload().toArray();
            responder.handleDatagram(0, 0, PEER, msg1, 0, msg1.length);
        }
        assertThat(responder.halfOpenCount()).isEqualTo(2);
        assertThat(responder.stats().count(DatagramOutcome.INITIATION_ACCEPTED)).isEqualTo(2);
        assertThat(responder.stats().count(DatagramOutcome.INITIATION_OVER_CAPACITY)).isEqualTo(2);
    }

    private static SessionEndpointConfig withCaps(int maxSessions, int maxHalfOpen) {
        SessionEndpointConfig d = SessionEndpointConfig.DEFAULT;
        return new SessionEndpointConfig(d.session(), maxSessions, maxHalfOpen, d.initiationsPerSecondPerSource(),
                d.initiationBurst(), d.trackedSources(), d.replayCacheNs(), d.replayCacheEntries());
    }

    private static DhKeyPair responderKeys(long seed) {
        return DhKeyPair.generate(RandomSource.seeded(seed));
    }

    private static SessionEndpoint endpoint(long seed, SessionEndpointConfig config) {
        SessionEndpoint e = new SessionEndpoint(config, IK, responderKeys(seed), RandomSource.seeded(seed + 1000),
                (nowNs, key, payload) -> new Authorizer.Accept(Bytes.EMPTY));
        e.setPayloadFactory(s -> TransportPayload.create(TransportConfig.DEFAULTS, CUBIC, seed, s.isInitiator(),
                (nowNs, code, reason) -> { }));
        return e;
    }

    private static Transport transport(TransportConfig config) {
        return new Transport(config, CUBIC.create(CongestionConfig.defaults(config.maxDatagramBytes(), 1)), null, true);
    }
}
