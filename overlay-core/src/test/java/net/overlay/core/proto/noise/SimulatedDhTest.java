package net.overlay.core.proto.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

/** The simulator's stand-in for X25519: it completes handshakes, and nothing outside code can select it. */
class SimulatedDhTest {
    private static final NoiseProtocol SIM = NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S)
            .withDh(DhFunction.SIMULATED);

    /** The two IK messages of one handshake under {@code protocol}, and its split keys. */
    private record Run(byte[] first, byte[] second, HandshakeResult initiator, HandshakeResult responder) {}

    private static Run handshake(NoiseProtocol protocol, Peers p) throws NoiseException {
        HandshakeState a = HandshakeState.builder(protocol, Role.INITIATOR).localStatic(p.client)
                .remoteStatic(p.device.publicKey()).random(RandomSource.seeded(1)).build();
        HandshakeState b = HandshakeState.builder(protocol, Role.RESPONDER).localStatic(p.device)
                .random(RandomSource.seeded(2)).build();
        byte[] first = a.writeMessage(new byte[5]);
        b.readMessage(first);
        byte[] second = b.writeMessage(new byte[0]);
        a.readMessage(second);
        return new Run(first, second, a.split(), b.split());
    }

    @Test
    void anIkHandshakeCompletesWithTheSameMessageSizesAndBothSidesAgree() throws NoiseException {
        // Static keys are X25519 identities (the simulator's are); the stand-in uses public keys only.
        Peers p = new Peers(7);
        Run sim = handshake(SIM, p);
        assertThat(sim.initiator().sendKey()).isEqualTo(sim.responder().receiveKey());
        assertThat(sim.initiator().receiveKey()).isEqualTo(sim.responder().sendKey());
        // Same sizes as with X25519, so the simulated network carries the same bytes.
        Run real = handshake(SIM.withDh(DhFunction.X25519), p);
        assertThat(sim.first()).hasSameSizeAs(real.first());
        assertThat(sim.second()).hasSameSizeAs(real.second());
        assertThat(sim.initiator().sendKey()).isNotEqualTo(real.initiator().sendKey());
    }

    @Test
    void aRealPeerAndASimulatedOneDoNotAgree() throws NoiseException {
        Peers p = new Peers(8);
        HandshakeState a = HandshakeState.builder(SIM, Role.INITIATOR).localStatic(p.client)
                .remoteStatic(p.device.publicKey()).random(p.random).build();
        HandshakeState b = HandshakeState.builder(SIM.withDh(DhFunction.X25519), Role.RESPONDER).localStatic(p.device)
                .random(p.random).build();
        byte[] first = a.writeMessage(new byte[0]);
        assertThatThrownBy(() -> b.readMessage(first)).isInstanceOf(NoiseException.class);
    }

    @Test
    void noProtocolNameSelectsIt() {
        assertThat(DhFunction.fromNoiseName(DhFunction.SIMULATED.noiseName())).isNull();
        assertThat(DhFunction.fromNoiseName("25519")).isEqualTo(DhFunction.X25519);
        assertThatThrownBy(() -> NoiseProtocol.parse("Noise_IK_" + DhFunction.SIMULATED.noiseName() + "_AESGCM_BLAKE2s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported DH");
    }
}
