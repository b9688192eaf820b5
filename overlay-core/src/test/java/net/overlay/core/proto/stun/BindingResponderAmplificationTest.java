package net.overlay.core.proto.stun;

import static net.overlay.core.proto.stun.BindingResponderTest.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The responder's amplification bound over random requests: a reply is at most 3x the request. */
class BindingResponderAmplificationTest {

    @Property(tries = 400)
    void noReplyIsEverMoreThanThreeTimesTheRequest(@ForAll("requests") StunMessage request,
            @ForAll boolean ipv6Client, @ForAll boolean withAlternate) {
        byte[] b = StunCodec.encode(request);
        BindingResponder responder = new BindingResponder(withAlternate
                ? BindingResponderConfig.withAlternate(PRIMARY, ALTERNATE, "overlay")
                : BindingResponderConfig.single(PRIMARY, "overlay"));
        Optional<BindingReply> reply =
                responder.handleRequest(b, 0, b.length, ipv6Client ? CLIENT_V6 : CLIENT, PRIMARY);
        // every request without FINGERPRINT is answered (success, 400 or 420), always within the bound
        assertThat(reply).isPresent();
        assertThat(reply.get().datagram().length()).isLessThanOrEqualTo(3 * b.length);
    }

    @Provide
    Arbitrary<StunMessage> requests() {
        Arbitrary<StunMessage> generated = StunArbitraries.bodyAttributes().list().ofMaxSize(4)
                .map(attributes -> new StunMessage(StunClass.REQUEST, StunConstants.METHOD_BINDING, ID, attributes));
        return Arbitraries.oneOf(Arbitraries.just(request()), generated);
    }
}
