package net.overlay.core.proto.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Two vectors of the cacophony file (haskell-cryptography/cacophony, vectors/cacophony.txt)
 * copied here so that the handshake is checked byte for byte even where the shared vector
 * folder is absent. The keys and payloads are the ones every cacophony vector uses.
 */
class EmbeddedVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String PROLOGUE = "4a6f686e2047616c74"; // "John Galt"
    private static final String INIT_STATIC = "e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1";
    private static final String INIT_EPHEMERAL = "893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a";
    private static final String RESP_STATIC = "4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893";
    private static final String RESP_EPHEMERAL = "bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b";
    private static final String[] PAYLOADS = {
        "4c756477696720766f6e204d69736573", "4d757272617920526f746862617264", "462e20412e20486179656b",
        "4361726c204d656e676572", "4a65616e2d426170746973746520536179",
        "457567656e2042f6686d20766f6e2042617765726b",
    };

    @Test
    void ikWithChaChaPolyAndBlake2sMatchesTheCacophonyVector() throws NoiseException {
        String[] ciphertexts = {
            "ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79440b03ddc7aac5123d06a1b23b71670e32"
                    + "e76c28239a7ca4ac8f784de7e44c1adbfc6e83fef7352a58d9d56157400c0a737b1d171ce368229c7b752ac25b"
                    + "8faf4eca690f6d896f543be02c996ab2b86b76",
            "95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f144808843d9b5a8927f0ac9655ef76833bc7e5561"
                    + "f42e691ac8404efd6fbd6308b6a27c",
            "2c256ed08fcd08c2980f954ee4beaccb61c9581340f5dd2fd1cf3b",
            "d6033f70eee20945c7c9dba304e397ee3b284ff5e00fd9efb095d3",
            "a9c068ca5d8babf72560652d8e851adbfac35c8a66e810d560863173e96adf4cfe",
            "2a09d8f459e5927e40fdd2eddc99bdafb04e13a26f145cb5cfe9e6ba34c94331ebc17d5156",
        };
        NoiseProtocol protocol = NoiseProtocol.parse("Noise_IK_25519_ChaChaPoly_BLAKE2s");
        HandshakeState initiator = side(protocol, Role.INITIATOR, INIT_STATIC, INIT_EPHEMERAL)
                .remoteStatic(DhKeyPair.fromPrivateKey(HEX.parseHex(RESP_STATIC)).publicKey())
                .build();
        HandshakeState responder = side(protocol, Role.RESPONDER, RESP_STATIC, RESP_EPHEMERAL).build();

        play(initiator, responder, ciphertexts, "48f3cb8bc9319da4ba1e9933991b1c4ed4034f1f126a76d3a1fbcfd7f94248d4");
    }

    @Test
    void xxWithAesGcmAndSha256MatchesTheCacophonyVector() throws NoiseException {
        String[] ciphertexts = {
            "ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79444c756477696720766f6e204d69736573",
            "95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f144808843757117acceb05bd7a45733bc22015c97"
                    + "a9d0cbaf41b80446d5988ff5127235d76b79eade70f473d6a4ef521fdcbeda5340d01e028ba793fc059f2724a8"
                    + "3af05f12dda0448a7621a926b379a92477fd",
            "c90f1cf77eba4e50edb038991565e36c9758943a989229b6051244dc4fbecb6946744b401af2ee1a5881b65fbb87fd07"
                    + "cb6a328ececc9ce6ce84c399dc332d4fd521fa4bb7f467ce909395",
            "bc3fa77f6aca3e8466d7dc6bea10013e88a6a29add5132b461806c",
            "250b01074cdfe0df2ecf8ccbf1737b15a2ddb5b52fd9a396604e9c793cee3b3bb9",
            "449d4d433b3cdc3d02bf6fc881774b9df54366ebcffb9689bb13f14709822cd7ef42bcdb4d",
        };
        NoiseProtocol protocol = NoiseProtocol.parse("Noise_XX_25519_AESGCM_SHA256");
        HandshakeState initiator = side(protocol, Role.INITIATOR, INIT_STATIC, INIT_EPHEMERAL).build();
        HandshakeState responder = side(protocol, Role.RESPONDER, RESP_STATIC, RESP_EPHEMERAL).build();

        play(initiator, responder, ciphertexts, "1b7aefb1125762aa21a252890d00af54519638b76437444538f9a52f21e2e0dc");
    }

    private static HandshakeBuilder side(NoiseProtocol protocol, Role role, String staticKey, String ephemeral) {
        return HandshakeState.builder(protocol, role)
                .prologue(HEX.parseHex(PROLOGUE))
                .localStatic(DhKeyPair.fromPrivateKey(HEX.parseHex(staticKey)))
                .localEphemeral(DhKeyPair.fromPrivateKey(HEX.parseHex(ephemeral)));
    }

    private static void play(HandshakeState initiator, HandshakeState responder, String[] ciphertexts,
                             String handshakeHash) throws NoiseException {
        int handshakeMessages = initiator.protocol().pattern().messages().size();
        for (int i = 0; i < handshakeMessages; i++) {
            HandshakeState sender = i % 2 == 0 ? initiator : responder;
            HandshakeState receiver = i % 2 == 0 ? responder : initiator;
            byte[] wire = sender.writeMessage(HEX.parseHex(PAYLOADS[i]));
            assertThat(HEX.formatHex(wire)).as("message %d", i).isEqualTo(ciphertexts[i]);
            assertThat(HEX.formatHex(receiver.readMessage(wire))).isEqualTo(PAYLOADS[i]);
        }
        assertThat(initiator.handshakeHash().toHex()).isEqualTo(handshakeHash);
        assertThat(responder.handshakeHash().toHex()).isEqualTo(handshakeHash);
        HandshakeResult a = initiator.split();
        HandshakeResult b = responder.split();
        for (int i = handshakeMessages; i < ciphertexts.length; i++) {
            HandshakeResult sender = i % 2 == 0 ? a : b;
            HandshakeResult receiver = i % 2 == 0 ? b : a;
            byte[] wire = sender.sendCipher().encryptWithAd(new byte[0], HEX.parseHex(PAYLOADS[i]));
            assertThat(HEX.formatHex(wire)).as("transport message %d", i).isEqualTo(ciphertexts[i]);
            assertThat(HEX.formatHex(receiver.receiveCipher().decryptWithAd(new byte[0], wire)))
                    .isEqualTo(PAYLOADS[i]);
        }
    }
}
