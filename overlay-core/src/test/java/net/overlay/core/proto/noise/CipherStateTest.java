package net.overlay.core.proto.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.overlay.core.proto.crypto.Aead;
import net.overlay.core.proto.crypto.CipherSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CipherStateTest {
    private static final byte[] AD = {1, 2, 3};

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void withoutAKeyBytesPassThroughUnchanged(CipherSuite suite) throws NoiseException {
        CipherState c = new CipherState(suite);
        byte[] plain = {9, 8, 7};
        assertThat(c.hasKey()).isFalse();
        assertThat(c.encryptWithAd(AD, plain)).isEqualTo(plain);
        assertThat(c.decryptWithAd(AD, plain)).isEqualTo(plain);
        assertThat(c.nonce()).isZero();
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void encryptsUnderTheNoiseNonceAndCountsUp(CipherSuite suite) throws NoiseException {
        byte[] key = key(5);
        CipherState sender = new CipherState(suite, key);
        CipherState receiver = new CipherState(suite, key);
        Aead reference = Aead.create(suite, key);
        for (long n = 0; n < 3; n++) {
            byte[] plain = {(byte) n, 42};
            byte[] sealed = sender.encryptWithAd(AD, plain);
            byte[] expected = new byte[plain.length + Aead.TAG_BYTES];
            reference.seal(n, AD, plain, 0, plain.length, expected, 0);
            assertThat(sealed).isEqualTo(expected);
            assertThat(receiver.decryptWithAd(AD, sealed)).isEqualTo(plain);
        }
        assertThat(sender.nonce()).isEqualTo(3);
        assertThat(receiver.nonce()).isEqualTo(3);
    }

    @Test
    void aFailedDecryptionDoesNotAdvanceTheNonce() throws NoiseException {
        CipherState sender = new CipherState(CipherSuite.AES_GCM, key(1));
        CipherState receiver = new CipherState(CipherSuite.AES_GCM, key(1));
        byte[] sealed = sender.encryptWithAd(AD, new byte[10]);
        byte[] forged = sealed.clone();
        forged[0] ^= 1;
        assertThatThrownBy(() -> receiver.decryptWithAd(AD, forged)).isInstanceOf(NoiseException.class);
        assertThatThrownBy(() -> receiver.decryptWithAd(AD, new byte[15])).isInstanceOf(NoiseException.class);
        assertThat(receiver.nonce()).isZero();
        assertThat(receiver.decryptWithAd(AD, sealed)).hasSize(10);
    }

    @Test
    void theReservedNonceIsNeverUsedForAMessage() {
        CipherState c = new CipherState(CipherSuite.CHACHA_POLY, key(2));
        c.setNonce(-1L); // 2^64-1
        assertThatThrownBy(() -> c.encryptWithAd(AD, new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.decryptWithAd(AD, new byte[17])).isInstanceOf(NoiseException.class);
        c.setNonce(-2L);
        assertThat(c.encryptWithAd(AD, new byte[1])).hasSize(17);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void rekeyTakesTheFirst32BytesOfEncryptingZerosUnderTheReservedNonce(CipherSuite suite) throws NoiseException {
        byte[] key = key(3);
        CipherState c = new CipherState(suite, key);
        c.setNonce(7);
        c.rekey();
        assertThat(c.nonce()).isEqualTo(7);

        byte[] block = new byte[48];
        Aead.create(suite, key).seal(-1L, new byte[0], new byte[32], 0, 32, block, 0);
        CipherState expected = new CipherState(suite, Arrays.copyOf(block, 32));
        expected.setNonce(7);
        assertThat(c.encryptWithAd(AD, new byte[4])).isEqualTo(expected.encryptWithAd(AD, new byte[4]));
        assertThat(new CipherState(suite, key).encryptWithAd(AD, new byte[4]))
                .isNotEqualTo(new CipherState(suite, Arrays.copyOf(block, 32)).encryptWithAd(AD, new byte[4]));
    }

    @Test
    void encryptsInPlace() throws NoiseException {
        CipherState sender = new CipherState(CipherSuite.AES_GCM, key(4));
        CipherState receiver = new CipherState(CipherSuite.AES_GCM, key(4));
        byte[] buf = new byte[8 + 16];
        Arrays.fill(buf, 0, 8, (byte) 0x55);
        int sealed = sender.encryptWithAd(AD, buf, 0, 8, buf, 0);
        byte[] out = new byte[8];
        assertThat(receiver.decryptWithAd(AD, buf, 0, sealed, out, 0)).isEqualTo(8);
        assertThat(out).containsOnly(0x55);
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) seed);
        return k;
    }
}
