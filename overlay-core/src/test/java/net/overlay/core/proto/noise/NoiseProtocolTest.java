package net.overlay.core.proto.noise;

import static net.overlay.core.proto.noise.Token.E;
import static net.overlay.core.proto.noise.Token.EE;
import static net.overlay.core.proto.noise.Token.ES;
import static net.overlay.core.proto.noise.Token.PSK;
import static net.overlay.core.proto.noise.Token.S;
import static net.overlay.core.proto.noise.Token.SE;
import static net.overlay.core.proto.noise.Token.SS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import org.junit.jupiter.api.Test;

class NoiseProtocolTest {

    @Test
    void parsesAllFourPartsOfAProtocolName() {
        NoiseProtocol p = NoiseProtocol.parse("Noise_IK_25519_AESGCM_BLAKE2s");
        assertThat(p.dh()).isEqualTo(DhFunction.X25519);
        assertThat(p.cipher()).isEqualTo(CipherSuite.AES_GCM);
        assertThat(p.hash()).isEqualTo(HashSuite.BLAKE2S);
        assertThat(p.pattern().responderPreMessage()).containsExactly(S);
        assertThat(p.pattern().messages()).containsExactly(List.of(E, ES, S, SS), List.of(E, EE, SE));
        assertThat(p.name()).isEqualTo("Noise_IK_25519_AESGCM_BLAKE2s");
        assertThat(NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S)).isEqualTo(p);
    }

    @Test
    void pskModifiersPutTheTokenAtTheStartOrTheEndOfTheNamedMessage() {
        HandshakePattern p = HandshakePattern.parse("XXpsk0+psk3");
        assertThat(p.messages()).containsExactly(
                List.of(PSK, E), List.of(E, EE, S, Token.ES), List.of(S, SE, PSK));
        assertThat(p.pskCount()).isEqualTo(2);
        assertThat(p.pskMode()).isTrue();
        assertThat(p.name()).isEqualTo("XXpsk0+psk3");
        assertThat(HandshakePattern.parse("XX").pskMode()).isFalse();
    }

    @Test
    void oneWayPatternsAreMarked() {
        assertThat(HandshakePattern.parse("N").oneWay()).isTrue();
        assertThat(HandshakePattern.parse("Kpsk0").oneWay()).isTrue();
        assertThat(HandshakePattern.parse("NN").oneWay()).isFalse();
    }

    @Test
    void unsupportedPartsAreNamedInTheError() {
        assertThatThrownBy(() -> NoiseProtocol.parse("Noise_XX_448_AESGCM_SHA256"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DH function '448'");
        assertThatThrownBy(() -> NoiseProtocol.parse("Noise_XXfallback_25519_AESGCM_SHA256"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modifier 'fallback'");
        assertThatThrownBy(() -> NoiseProtocol.parse("Noise_ZZ_25519_AESGCM_SHA256"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pattern 'ZZ'");
        assertThatThrownBy(() -> NoiseProtocol.parse("Noise_XX_25519_AESGCMSIV_SHA256"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cipher 'AESGCMSIV'");
        assertThatThrownBy(() -> NoiseProtocol.parse("Noise_XX_25519_AESGCM_SHA3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hash 'SHA3'");
        assertThatThrownBy(() -> NoiseProtocol.parse("Noise_NNpsk7_25519_AESGCM_SHA256"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the pattern's 2 messages");
        assertThatThrownBy(() -> NoiseProtocol.parse("NoisePSK_XX_25519_AESGCM_SHA256"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Noise protocol name");
        assertThatThrownBy(() -> NoiseProtocol.parse(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTableHoldsEveryFundamentalAndDeferredPatternAndEachOneCompletes() throws NoiseException {
        assertThat(PatternTable.PATTERNS).hasSize(38);
        for (String name : PatternTable.PATTERNS.keySet()) {
            NoiseProtocol protocol = NoiseProtocol.parse("Noise_" + name + "_25519_ChaChaPoly_SHA256");
            Peers p = new Peers(name.hashCode());
            HandshakeState a = configure(protocol, Role.INITIATOR, p);
            HandshakeState b = configure(protocol, Role.RESPONDER, p);
            Peers.complete(a, b);
            assertThat(a.handshakeHash()).as(name).isEqualTo(b.handshakeHash());
            assertThat(a.remoteStatic().isPresent()).as(name).isEqualTo(protocol.pattern().needsLocalStatic(Role.RESPONDER));
            assertThat(b.remoteStatic().isPresent()).as(name).isEqualTo(protocol.pattern().needsLocalStatic(Role.INITIATOR));
        }
    }

    private static HandshakeState configure(NoiseProtocol protocol, Role role, Peers p) {
        HandshakePattern pattern = protocol.pattern();
        DhKeyPair mine = role == Role.INITIATOR ? p.client : p.device;
        DhKeyPair theirs = role == Role.INITIATOR ? p.device : p.client;
        HandshakeBuilder b = HandshakeState.builder(protocol, role).random(p.random);
        if (pattern.needsLocalStatic(role)) {
            b.localStatic(mine);
        }
        if (pattern.preMessage(role.peer()).contains(S)) {
            b.remoteStatic(theirs.publicKey());
        }
        return b.build();
    }
}
