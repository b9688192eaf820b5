package net.overlay.core.proto.stun;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.overlay.core.proto.stun.StunAttribute.*;
import net.overlay.core.proto.stun.StunIntegrity.Check;

/** Encoding then decoding gives back the same message; trailers verify; one flipped bit is caught. */
class StunRoundTripTest {

    @Property(tries = 500)
    void anyMessageRoundTripsToAnEqualValue(@ForAll("messages") StunMessage message) throws StunException {
        byte[] b = StunCodec.encode(message);
        assertThat(b.length % 4).isZero();
        assertThat(StunCodec.decode(b, 0, b.length)).isEqualTo(message);
    }

    @Property(tries = 300)
    void encodedTrailersVerifyAndDecodeAfterTheBody(
            @ForAll("bodies") StunMessage body, @ForAll("passwords") String password) throws StunException {
        StunKey key = StunKey.shortTerm(password);
        var trailer = new StunTrailer(java.util.Optional.of(key), java.util.Optional.of(key), true);
        byte[] b = StunCodec.encode(body, trailer);
        StunMessage decoded = StunCodec.decode(b, 0, b.length);
        assertThat(decoded.attributes().subList(0, body.attributes().size())).isEqualTo(body.attributes());
        assertThat(decoded.attributes().subList(body.attributes().size(), decoded.attributes().size()))
                .hasExactlyElementsOfTypes(MessageIntegrity.class, MessageIntegritySha256.class, Fingerprint.class);
        assertThat(StunIntegrity.checkIntegrity(b, 0, b.length, key)).isEqualTo(Check.VALID);
        assertThat(StunIntegrity.checkIntegritySha256(b, 0, b.length, key)).isEqualTo(Check.VALID);
        assertThat(StunIntegrity.checkFingerprint(b, 0, b.length)).isEqualTo(Check.VALID);
    }

    @Property(tries = 300)
    void aFlippedBitBeforeTheIntegrityAttributeFailsIt(
            @ForAll("bodies") StunMessage body, @ForAll("passwords") String password, @ForAll int seed) {
        StunKey key = StunKey.shortTerm(password);
        byte[] b = StunCodec.encode(body, StunTrailer.integrity(key, false));
        int bit = Math.floorMod(seed, (b.length - 24) * 8);
        b[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(StunIntegrity.checkIntegrity(b, 0, b.length, key)).isNotEqualTo(Check.VALID);
    }

    @Provide
    Arbitrary<StunMessage> messages() {
        return StunArbitraries.messages();
    }

    @Provide
    Arbitrary<StunMessage> bodies() {
        return StunArbitraries.messages().map(m -> new StunMessage(m.messageClass(), m.method(), m.transactionId(),
                m.attributes().stream().filter(a -> !(a instanceof MessageIntegrity)
                        && !(a instanceof MessageIntegritySha256) && !(a instanceof Fingerprint)).toList()));
    }

    @Provide
    Arbitrary<String> passwords() {
        return StunArbitraries.text().filter(s -> !s.isBlank());
    }
}
