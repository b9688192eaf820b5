package net.overlay.core.proto.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.noise.HandshakeState.Status;
import net.overlay.core.proto.wire.Bytes;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    @Test
    void ikClientReachesDeviceInOneRoundTripAndBothLearnEachOthersKeys() throws NoiseException {
        Peers p = new Peers(1);
        HandshakeState client = p.ikInitiator(p.device.publicKey());
        HandshakeState device = p.ikResponder();
        assertThat(client.status()).isEqualTo(Status.WRITE);
        assertThat(device.status()).isEqualTo(Status.READ);

        byte[] hello = client.writeMessage(utf8("open ssh"));
        assertThat(client.status()).isEqualTo(Status.READ);
        assertThat(device.readMessage(hello)).isEqualTo(utf8("open ssh"));
        assertThat(device.remoteStatic()).contains(Bytes.of(p.client.publicKey()));
        assertThat(device.status()).isEqualTo(Status.WRITE);

        assertThat(client.readMessage(device.writeMessage(utf8("ok")))).isEqualTo(utf8("ok"));
        assertThat(client.status()).isEqualTo(Status.COMPLETE);
        assertThat(device.status()).isEqualTo(Status.COMPLETE);

        HandshakeResult c = client.split();
        HandshakeResult d = device.split();
        assertThat(c.handshakeHash()).isEqualTo(d.handshakeHash());
        assertThat(c.remoteStatic()).contains(Bytes.of(p.device.publicKey()));
        assertThat(c.sendKey()).isEqualTo(d.receiveKey()).hasSize(32);
        assertThat(c.receiveKey()).isEqualTo(d.sendKey()).isNotEqualTo(c.sendKey());
        assertThat(c.suite()).isEqualTo(CipherSuite.CHACHA_POLY);
        exchangeTransportMessages(c, d);
    }

    @Test
    void xxMutuallyAuthenticatesWithoutPriorKnowledgeOfTheResponder() throws NoiseException {
        Peers p = new Peers(2);
        HandshakeState client = p.xxInitiator();
        HandshakeState device = p.xxResponder();

        assertThat(device.readMessage(client.writeMessage(new byte[0]))).isEmpty();
        assertThat(device.remoteStatic()).isEmpty();
        assertThat(client.readMessage(device.writeMessage(utf8("device")))).isEqualTo(utf8("device"));
        assertThat(client.remoteStatic()).contains(Bytes.of(p.device.publicKey()));
        assertThat(device.readMessage(client.writeMessage(utf8("client")))).isEqualTo(utf8("client"));
        assertThat(device.remoteStatic()).contains(Bytes.of(p.client.publicKey()));

        HandshakeResult c = client.split();
        HandshakeResult d = device.split();
        assertThat(c.handshakeHash()).isEqualTo(d.handshakeHash());
        assertThat(c.suite()).isEqualTo(CipherSuite.AES_GCM);
        exchangeTransportMessages(c, d);
    }

    @Test
    void everySuiteCombinationCompletesAndAgreesOnKeys() throws NoiseException {
        for (CipherSuite cipher : CipherSuite.values()) {
            for (HashSuite hash : HashSuite.values()) {
                Peers p = new Peers(cipher.ordinal() * 10L + hash.ordinal());
                NoiseProtocol protocol = NoiseProtocol.ik(cipher, hash);
                HandshakeState a = HandshakeState.builder(protocol, Role.INITIATOR).localStatic(p.client)
                        .remoteStatic(p.device.publicKey()).random(p.random).build();
                HandshakeState b = HandshakeState.builder(protocol, Role.RESPONDER).localStatic(p.device)
                        .random(p.random).build();
                Peers.complete(a, b);
                assertThat(a.handshakeHash()).as(protocol.name()).isEqualTo(b.handshakeHash());
                assertThat(a.handshakeHash().length()).isEqualTo(hash.hashBytes());
                exchangeTransportMessages(a.split(), b.split());
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameHandshakeBytes() throws NoiseException {
        byte[] first = new Peers(7).ikInitiator(new Peers(7).device.publicKey()).writeMessage(utf8("x"));
        byte[] second = new Peers(7).ikInitiator(new Peers(7).device.publicKey()).writeMessage(utf8("x"));
        assertThat(first).isEqualTo(second);
    }

    @Test
    void writingOutOfTurnIsALocalErrorAndLeavesTheHandshakeUsable() throws NoiseException {
        Peers p = new Peers(3);
        HandshakeState client = p.xxInitiator();
        HandshakeState device = p.xxResponder();
        assertThatThrownBy(() -> device.writeMessage(new byte[0])).isInstanceOf(IllegalStateException.class);
        Peers.complete(client, device);
        assertThat(device.isComplete()).isTrue();
    }

    @Test
    void splitIsOnlyAvailableOnceAndOnlyWhenComplete() throws NoiseException {
        Peers p = new Peers(4);
        HandshakeState client = p.xxInitiator();
        HandshakeState device = p.xxResponder();
        assertThatThrownBy(client::split).isInstanceOf(IllegalStateException.class);
        Peers.complete(client, device);
        client.split();
        assertThat(client.status()).isEqualTo(Status.SPLIT);
        assertThatThrownBy(client::split).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPayloadThatWouldExceedTheNoiseMessageLimitIsRefusedBeforeWriting() throws NoiseException {
        Peers p = new Peers(5);
        HandshakeState client = p.ikInitiator(p.device.publicKey());
        // IK message 1: e (32) + encrypted s (48) + payload + tag (16).
        int maxPayload = HandshakeState.MAX_MESSAGE_BYTES - 32 - 48 - 16;
        assertThatThrownBy(() -> client.writeMessage(new byte[maxPayload + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
        assertThat(client.status()).isEqualTo(Status.WRITE);
        byte[] message = client.writeMessage(new byte[maxPayload]);
        assertThat(message).hasSize(HandshakeState.MAX_MESSAGE_BYTES);
        assertThat(p.ikResponder().readMessage(message)).hasSize(maxPayload);
    }

    @Test
    void builderNamesWhatThePatternNeeds() {
        Peers p = new Peers(6);
        assertThatThrownBy(() -> HandshakeState.builder(Peers.ik(), Role.INITIATOR).localStatic(p.client)
                .random(p.random).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peer's static public key");
        assertThatThrownBy(() -> HandshakeState.builder(Peers.ik(), Role.RESPONDER).random(p.random).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responder's static key pair");
        assertThatThrownBy(() -> HandshakeState.builder(Peers.xx(), Role.INITIATOR).localStatic(p.client)
                .remoteStatic(p.device.publicKey()).random(p.random).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learns the peer's static key");
        assertThatThrownBy(() -> HandshakeState.builder(Peers.xx(), Role.INITIATOR).localStatic(p.client).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RandomSource");
        assertThatThrownBy(() -> HandshakeState.builder(NoiseProtocol.parse("Noise_NNpsk0_25519_AESGCM_SHA256"),
                Role.INITIATOR).random(p.random).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 pre-shared keys, got 0");
    }

    @Test
    void pskHandshakeCompletesOnlyWithTheSameKey() throws NoiseException {
        Peers p = new Peers(8);
        NoiseProtocol protocol = NoiseProtocol.parse("Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s");
        byte[] psk = new byte[32];
        byte[] otherPsk = new byte[32];
        otherPsk[0] = 1;
        HandshakeState a = HandshakeState.builder(protocol, Role.INITIATOR).localStatic(p.client)
                .remoteStatic(p.device.publicKey()).psk(psk).random(p.random).build();
        HandshakeState b = HandshakeState.builder(protocol, Role.RESPONDER).localStatic(p.device)
                .psk(otherPsk).random(p.random).build();
        b.readMessage(a.writeMessage(new byte[0]));
        assertThatThrownBy(() -> a.readMessage(b.writeMessage(new byte[0]))).isInstanceOf(NoiseException.class);
    }

    private static void exchangeTransportMessages(HandshakeResult a, HandshakeResult b) throws NoiseException {
        for (int i = 0; i < 3; i++) {
            byte[] ping = utf8("ping " + i);
            assertThat(b.receiveCipher().decryptWithAd(null, a.sendCipher().encryptWithAd(null, ping))).isEqualTo(ping);
            byte[] pong = utf8("pong " + i);
            assertThat(a.receiveCipher().decryptWithAd(null, b.sendCipher().encryptWithAd(null, pong))).isEqualTo(pong);
        }
        // The raw keys the session transport takes work the same way.
        CipherState fromRaw = new CipherState(a.suite(), b.receiveKey());
        CipherState sender = new CipherState(a.suite(), a.sendKey());
        assertThat(fromRaw.decryptWithAd(null, sender.encryptWithAd(null, utf8("raw")))).isEqualTo(utf8("raw"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
