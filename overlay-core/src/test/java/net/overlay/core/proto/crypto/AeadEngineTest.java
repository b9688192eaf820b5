package net.overlay.core.proto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shared, re-keyed engine gives the same bytes as a cipher bound to one key ({@link Aead}). */
class AeadEngineTest {
    private static final byte[] AD = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i);
        }
        return k;
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void sealsExactlyAsACipherBoundToTheKeyWhileKeysAlternate(CipherSuite suite) throws AeadException {
        AeadEngine engine = new AeadEngine();
        byte[] plain = "keepalive, round-robin over many sessions".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int round = 0; round < 3; round++) {
            for (int s = 0; s < 5; s++) {
                byte[] expected = new byte[plain.length + Aead.TAG_BYTES];
                Aead.create(suite, key(s)).seal(round, AD, plain, 0, plain.length, expected, 0);
                byte[] sealed = new byte[plain.length + Aead.TAG_BYTES];

                int n = engine.seal(suite, key(s), round, AD, 0, AD.length, plain, 0, plain.length, sealed, 0);

                assertThat(n).isEqualTo(sealed.length);
                assertThat(sealed).isEqualTo(expected);
                byte[] opened = new byte[plain.length];
                assertThat(engine.open(suite, key(s), round, AD, 0, AD.length, sealed, 0, n, opened, 0))
                        .isEqualTo(plain.length);
                assertThat(opened).isEqualTo(plain);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void refusesAnotherKeyATamperedTagAndAShortInput(CipherSuite suite) {
        AeadEngine engine = new AeadEngine();
        byte[] sealed = new byte[8 + Aead.TAG_BYTES];
        engine.seal(suite, key(1), 7, AD, 0, AD.length, new byte[8], 0, 8, sealed, 0);
        byte[] out = new byte[8];

        assertThatThrownBy(() -> engine.open(suite, key(2), 7, AD, 0, AD.length, sealed, 0, sealed.length, out, 0))
                .isInstanceOf(AeadException.class);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> engine.open(suite, key(1), 7, AD, 0, AD.length, tampered, 0, tampered.length, out, 0))
                .isInstanceOf(AeadException.class);
        assertThatThrownBy(() -> engine.open(suite, key(1), 7, AD, 0, AD.length, sealed, 0, 15, out, 0))
                .isInstanceOf(AeadException.class);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aKeySpelledOutFromLongsIsWipedAfterUse(CipherSuite suite) throws AeadException {
        AeadEngine engine = new AeadEngine();
        byte[] k = key(3);
        long[] words = {AeadEngine.keyWord(k, 0), AeadEngine.keyWord(k, 1), AeadEngine.keyWord(k, 2),
                AeadEngine.keyWord(k, 3)};
        byte[] buffer = engine.putKey(words[0], words[1], words[2], words[3]);
        assertThat(buffer).isEqualTo(k);
        byte[] sealed = new byte[4 + Aead.TAG_BYTES];

        engine.seal(suite, buffer, 1, AD, 0, AD.length, new byte[4], 0, 4, sealed, 0);

        assertThat(buffer).isEqualTo(new byte[32]);
        byte[] out = new byte[4];
        engine.open(suite, engine.putKey(words[0], words[1], words[2], words[3]), 1, AD, 0, AD.length, sealed, 0,
                sealed.length, out, 0);
        assertThat(Arrays.equals(buffer, new byte[32])).isTrue();
    }
}
