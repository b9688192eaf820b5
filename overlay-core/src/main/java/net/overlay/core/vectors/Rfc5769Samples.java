package net.overlay.core.vectors;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.overlay.core.proto.stun.StunAttribute;
import net.overlay.core.proto.stun.StunAttribute.*;
import net.overlay.core.proto.stun.StunClass;
import net.overlay.core.proto.stun.StunKey;
import net.overlay.core.proto.stun.TransactionId;

/**
 * What RFC 5769 states about each of its four samples: credentials and decoded values, keyed by
 * section. A vector's name selects a section when it contains {@code rfc5769} followed by the
 * section number, as in {@code rfc5769-2.1-request}.
 */
final class Rfc5769Samples {
    private Rfc5769Samples() {}

    /** One sample's credentials and the values the RFC gives for it. */
    record Sample(String section, String credentials, StunKey key, StunClass messageClass,
            TransactionId transactionId, List<StunAttribute> values) {}

    private static final Pattern SECTION = Pattern.compile("rfc[ _-]?5769\\D{0,10}?(2\\.[1-4])(?!\\d)");
    private static final String SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
    private static final TransactionId SAMPLE_ID = TransactionId.fromHex("b7e7a701bc34d686fa87dfae");
    /** RFC 5769 2.4: the username before SASLprep, which leaves it unchanged. */
    private static final String LONG_TERM_USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    /**
     * RFC 5769 2.4: "The<U+00AD>M<U+00AA>tr<U+2168>" after SASLprep. We do not implement SASLprep
     * (RFC 8489 replaced it with OpaqueString, which would not map these code points), so the
     * table holds the prepared form the RFC gives.
     */
    private static final String LONG_TERM_PASSWORD = "TheMatrIX";

    private static final List<Sample> SAMPLES = List.of(
            new Sample("2.1", "short-term, password " + SHORT_TERM_PASSWORD,
                    StunKey.shortTerm(SHORT_TERM_PASSWORD), StunClass.REQUEST, SAMPLE_ID,
                    List.of(new Software("STUN test client"), new Priority(0x6e0001ffL),
                            new IceControlled(0x932ff9b151263b36L), new Username("evtj:h6vY"))),
            new Sample("2.2", "short-term, password " + SHORT_TERM_PASSWORD,
                    StunKey.shortTerm(SHORT_TERM_PASSWORD), StunClass.SUCCESS_RESPONSE, SAMPLE_ID,
                    List.of(new Software("test vector"),
                            new XorMappedAddress(address("192.0.2.1", 32853)))),
            new Sample("2.3", "short-term, password " + SHORT_TERM_PASSWORD,
                    StunKey.shortTerm(SHORT_TERM_PASSWORD), StunClass.SUCCESS_RESPONSE, SAMPLE_ID,
                    List.of(new Software("test vector"),
                            new XorMappedAddress(address("2001:db8:1234:5678:11:2233:4455:6677", 32853)))),
            new Sample("2.4", "long-term, realm example.org, SASLprep-ed password",
                    StunKey.longTerm(LONG_TERM_USERNAME, "example.org", LONG_TERM_PASSWORD), StunClass.REQUEST,
                    TransactionId.fromHex("78ad3433c6ad72c029da412e"),
                    List.of(new Username(LONG_TERM_USERNAME), new Nonce("f//499k954d6OL34oL9FSTvy64sA"),
                            new Realm("example.org"))));

    /** The sample a vector name refers to, if it names an RFC 5769 section. */
    static Optional<Sample> forName(String name) {
        Matcher m = SECTION.matcher(name.toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return Optional.empty();
        }
        String section = m.group(1);
        return SAMPLES.stream().filter(s -> s.section().equals(section)).findFirst();
    }

    private static InetSocketAddress address(String literal, int port) {
        // a literal, so no name lookup happens
        return new InetSocketAddress(InetAddress.ofLiteral(literal), port);
    }
}
