package net.overlay.core.proto.stun;

import static net.overlay.core.proto.stun.Rfc5769.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.overlay.core.proto.stun.StunAttribute.*;
import net.overlay.core.proto.stun.StunIntegrity.Check;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The RFC 5769 samples, embedded: decode, verify, the stated values, and tamper detection. */
class Rfc5769VectorsTest {

    @Test
    void sampleRequestDecodesWithTheValuesOfSection21() throws StunException {
        byte[] b = bytes(REQUEST_HEX);
        StunMessage m = StunCodec.decode(b, 0, b.length);
        assertThat(m.messageClass()).isEqualTo(StunClass.REQUEST);
        assertThat(m.method()).isEqualTo(StunConstants.METHOD_BINDING);
        assertThat(m.transactionId()).isEqualTo(TransactionId.fromHex("b7e7a701bc34d686fa87dfae"));
        assertThat(m.attributes()).hasSize(6);
        assertThat(m.attributes().subList(0, 4)).containsExactly(
                new Software("STUN test client"),
                new Priority(0x6e0001ffL),
                new IceControlled(0x932ff9b151263b36L),
                new Username("evtj:h6vY"));
        assertThat(m.attributes().get(4)).isInstanceOf(MessageIntegrity.class);
        assertThat(m.attributes().get(5)).isEqualTo(new Fingerprint(0xe57a3bcf));
        assertThat(StunIntegrity.checkIntegrity(b, 0, b.length, shortTermKey())).isEqualTo(Check.VALID);
        assertThat(StunIntegrity.checkFingerprint(b, 0, b.length)).isEqualTo(Check.VALID);
    }

    @Test
    void sampleIpv4ResponseCarriesXorMappedAddress192_0_2_1Port32853() throws Exception {
        byte[] b = bytes(RESPONSE_IPV4_HEX);
        StunMessage m = StunCodec.decode(b, 0, b.length);
        assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(m.find(Software.class)).contains(new Software("test vector"));
        assertThat(m.find(XorMappedAddress.class)).contains(new XorMappedAddress(
                new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 32853)));
        assertThat(StunIntegrity.checkIntegrity(b, 0, b.length, shortTermKey())).isEqualTo(Check.VALID);
        assertThat(StunIntegrity.checkFingerprint(b, 0, b.length)).isEqualTo(Check.VALID);
    }

    @Test
    void sampleIpv6ResponseCarriesXorMappedAddressOfSection23() throws Exception {
        byte[] b = bytes(RESPONSE_IPV6_HEX);
        StunMessage m = StunCodec.decode(b, 0, b.length);
        assertThat(m.find(XorMappedAddress.class)).contains(new XorMappedAddress(
                new InetSocketAddress(InetAddress.ofLiteral("2001:db8:1234:5678:11:2233:4455:6677"), 32853)));
        assertThat(m.find(Software.class)).contains(new Software("test vector"));
        assertThat(StunIntegrity.checkIntegrity(b, 0, b.length, shortTermKey())).isEqualTo(Check.VALID);
        assertThat(StunIntegrity.checkFingerprint(b, 0, b.length)).isEqualTo(Check.VALID);
    }

    @Test
    void sampleLongTermRequestVerifiesWithMd5OfUsernameRealmPassword() throws StunException {
        byte[] b = bytes(REQUEST_LONG_TERM_HEX);
        StunMessage m = StunCodec.decode(b, 0, b.length);
        assertThat(m.attributes().subList(0, 3)).containsExactly(
                new Username(LONG_TERM_USERNAME), new Nonce(LONG_TERM_NONCE), new Realm(LONG_TERM_REALM));
        assertThat(StunIntegrity.checkIntegrity(b, 0, b.length, longTermKey())).isEqualTo(Check.VALID);
        assertThat(StunIntegrity.checkFingerprint(b, 0, b.length)).isEqualTo(Check.ABSENT);
    }

    @Test
    void wrongPasswordFailsIntegrity() {
        byte[] b = bytes(REQUEST_HEX);
        assertThat(StunIntegrity.checkIntegrity(b, 0, b.length, StunKey.shortTerm("not the password")))
                .isEqualTo(Check.INVALID);
    }

    @Test
    void ourEncoderReproducesTheLongTermSampleByteForByte() throws StunException {
        byte[] b = bytes(REQUEST_LONG_TERM_HEX);
        StunMessage m = StunCodec.decode(b, 0, b.length);
        var body = new StunMessage(m.messageClass(), m.method(), m.transactionId(), m.attributes().subList(0, 3));
        assertThat(StunCodec.encode(body, StunTrailer.integrity(longTermKey(), false))).isEqualTo(b);
    }

    @ParameterizedTest
    @ValueSource(strings = {REQUEST_HEX, RESPONSE_IPV4_HEX, RESPONSE_IPV6_HEX, REQUEST_LONG_TERM_HEX})
    void anyFlippedBitIsCaughtByDecodeIntegrityOrFingerprint(String hex) {
        byte[] original = bytes(hex);
        StunKey key = hex.equals(REQUEST_LONG_TERM_HEX) ? longTermKey() : shortTermKey();
        // RFC 8489 14.5: a FINGERPRINT whose type was garbled becomes an unknown attribute after
        // MESSAGE-INTEGRITY, which a receiver ignores; the message is then still authentic
        int fingerprintHeader = hex.equals(REQUEST_LONG_TERM_HEX) ? -1 : original.length - 8;
        for (int bit = 0; bit < original.length * 8; bit++) {
            if (bit / 8 == fingerprintHeader || bit / 8 == fingerprintHeader + 1) {
                continue;
            }
            byte[] b = original.clone();
            b[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(isAccepted(b, key)).as("bit %d flipped", bit).isFalse();
        }
    }

    @Test
    void flippedBitInSoftwareBreaksBothIntegrityAndFingerprint() throws StunException {
        byte[] b = bytes(REQUEST_HEX);
        b[24] ^= 0x01; // first byte of "STUN test client"
        StunMessage m = StunCodec.decode(b, 0, b.length);
        assertThat(m.find(Software.class)).contains(new Software("RTUN test client"));
        assertThat(StunIntegrity.checkIntegrity(b, 0, b.length, shortTermKey())).isEqualTo(Check.INVALID);
        assertThat(StunIntegrity.checkFingerprint(b, 0, b.length)).isEqualTo(Check.INVALID);
    }

    @Test
    void truncatedSampleIsRefusedWithBadLength() {
        byte[] b = bytes(REQUEST_HEX);
        assertThatThrownBy(() -> StunCodec.decode(b, 0, b.length - 4))
                .isInstanceOf(StunException.class)
                .extracting(e -> ((StunException) e).reason()).isEqualTo(StunException.Reason.BAD_LENGTH);
    }

    /** What a receiver with the key would accept: decodes, integrity valid, fingerprint not invalid. */
    private static boolean isAccepted(byte[] b, StunKey key) {
        try {
            StunCodec.decode(b, 0, b.length);
        } catch (StunException e) {
            return false;
        }
        return StunIntegrity.checkIntegrity(b, 0, b.length, key) == Check.VALID
                && StunIntegrity.checkFingerprint(b, 0, b.length) != Check.INVALID;
    }
}
