package net.overlay.core.proto.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoiseHashTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        // FIPS 180-2 and RFC 7693 appendices: the digests of "abc".
        "SHA256, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "SHA512, ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        "BLAKE2S, 508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
        "BLAKE2B, ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
    })
    void hashesMatchTheirStandardsTestVector(HashSuite suite, String expected) {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(HEX.formatHex(NoiseHash.create(suite).hash(abc))).isEqualTo(expected);
        assertThat(NoiseHash.create(suite).hashBytes()).isEqualTo(expected.length() / 2);
    }

    /** Our RFC 2104 HMAC against independent implementations, keys shorter and longer than a block. */
    @Property(tries = 100)
    void hmacAgreesWithReferenceImplementations(@ForAll @Size(max = 200) byte[] key,
                                                @ForAll @Size(max = 300) byte[] data) throws Exception {
        for (HashSuite suite : HashSuite.values()) {
            byte[] ours = new byte[suite.hashBytes()];
            NoiseHash.create(suite).hmac(key, data, 0, data.length, ours, 0);
            assertThat(ours).as(suite.name()).isEqualTo(referenceHmac(suite, key, data));
        }
    }

    /** Noise rev. 34 section 4.3, spelled out with the reference HMAC. */
    @Property(tries = 50)
    void hkdfFollowsTheNoiseDefinition(@ForAll @Size(min = 32, max = 64) byte[] chainingKey,
                                       @ForAll @Size(max = 64) byte[] ikm) throws Exception {
        for (HashSuite suite : HashSuite.values()) {
            int n = suite.hashBytes();
            byte[] ck = Arrays.copyOf(chainingKey, n);
            byte[] temp = referenceHmac(suite, ck, ikm);
            byte[] o1 = referenceHmac(suite, temp, new byte[] {1});
            byte[] o2 = referenceHmac(suite, temp, concat(o1, (byte) 2));
            byte[] o3 = referenceHmac(suite, temp, concat(o2, (byte) 3));
            byte[] a = new byte[n];
            byte[] b = new byte[n];
            byte[] c = new byte[n];
            NoiseHash.create(suite).hkdf(ck, ikm, 0, ikm.length, a, b, c);
            assertThat(a).isEqualTo(o1);
            assertThat(b).isEqualTo(o2);
            assertThat(c).isEqualTo(o3);
        }
    }

    private static byte[] referenceHmac(HashSuite suite, byte[] key, byte[] data) throws Exception {
        return switch (suite) {
            case SHA256 -> jdkHmac("HmacSHA256", key, data);
            case SHA512 -> jdkHmac("HmacSHA512", key, data);
            case BLAKE2S -> bcHmac(new Blake2sDigest(256), key, data);
            case BLAKE2B -> bcHmac(new Blake2bDigest(512), key, data);
        };
    }

    private static byte[] jdkHmac(String algorithm, byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        // SecretKeySpec refuses an empty key; HMAC with an empty key is the same as one zero block.
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
        return mac.doFinal(data);
    }

    private static byte[] bcHmac(Digest digest, byte[] key, byte[] data) {
        HMac mac = new HMac(digest);
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    private static byte[] concat(byte[] a, byte b) {
        byte[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
