package net.overlay.core.proto.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.overlay.core.proto.crypto.Ed25519;
import net.overlay.core.proto.crypto.X25519;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

class IdentityTest {

    @Test
    void sameSeedGivesSameIdentityAndDifferentSeedsDiffer() {
        assertThat(Identity.generate(RandomSource.seeded(7))).isEqualTo(Identity.generate(RandomSource.seeded(7)));
        assertThat(Identity.generate(RandomSource.seeded(7)).peerId())
                .isNotEqualTo(Identity.generate(RandomSource.seeded(8)).peerId());
    }

    @Test
    void peerIdIsTheEd25519PublicKeyAndStaticKeyTheX25519One() {
        Identity id = Identity.generate(RandomSource.seeded(3));
        assertThat(id.peerId().key().toArray()).isEqualTo(Ed25519.publicKey(id.signingPrivateKey()));
        assertThat(id.staticPublicKey().toArray()).isEqualTo(X25519.publicKey(id.staticPrivateKey()));
        assertThat(id.peerId().key()).isNotEqualTo(id.staticPublicKey());
    }

    @Test
    void rebuiltFromItsPrivateKeysItIsTheSameIdentity() {
        Identity id = Identity.generate(RandomSource.seeded(4));
        Identity back = Identity.fromPrivateKeys(id.signingPrivateKey(), id.staticPrivateKey());
        assertThat(back).isEqualTo(id);
        assertThat(back.peerId()).isEqualTo(id.peerId());
    }

    @Test
    void signaturesVerifyUnderThePeerId() {
        Identity id = Identity.generate(RandomSource.seeded(5));
        byte[] msg = "hello".getBytes();
        byte[] sig = id.sign(msg, 0, msg.length);
        assertThat(id.peerId().verifies(msg, 0, msg.length, sig)).isTrue();
        msg[0] ^= 1;
        assertThat(id.peerId().verifies(msg, 0, msg.length, sig)).isFalse();
    }

    @Test
    void toStringShowsThePeerIdAndNoPrivateKey() {
        Identity id = Identity.generate(RandomSource.seeded(6));
        String hexSeed = java.util.HexFormat.of().formatHex(id.signingPrivateKey());
        assertThat(id.toString()).contains(id.peerId().text()).doesNotContain(hexSeed);
    }

    @Test
    void wrongKeyLengthsAreRefused() {
        assertThatThrownBy(() -> Identity.fromPrivateKeys(new byte[31], new byte[32]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signing");
        assertThatThrownBy(() -> Identity.fromPrivateKeys(new byte[32], new byte[33]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("static");
    }
}
