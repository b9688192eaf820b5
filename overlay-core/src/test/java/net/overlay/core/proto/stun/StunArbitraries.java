package net.overlay.core.proto.stun;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.overlay.core.proto.stun.StunAttribute.*;
import net.overlay.core.proto.wire.Bytes;

/** jqwik generators for STUN messages and attributes, shared by the property tests. */
final class StunArbitraries {
    private StunArbitraries() {}

    private static final Set<Integer> KNOWN_TYPES = Set.of(0x0001, 0x0003, 0x0006, 0x0008, 0x0009, 0x000A, 0x0014,
            0x0015, 0x001C, 0x0020, 0x0024, 0x0026, 0x0027, 0x8022, 0x8028, 0x8029, 0x802A, 0x802B, 0x802C);

    static Arbitrary<TransactionId> transactionIds() {
        return Arbitraries.bytes().array(byte[].class).ofSize(12).map(b -> new TransactionId(Bytes.of(b)));
    }

    static Arbitrary<InetSocketAddress> addresses() {
        Arbitrary<InetAddress> ips = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(4).map(StunArbitraries::inet),
                Arbitraries.bytes().array(byte[].class).ofSize(16).map(StunArbitraries::inet));
        return Combinators.combine(ips, Arbitraries.integers().between(0, 65535)).as(InetSocketAddress::new);
    }

    static Arbitrary<String> text() {
        // ASCII, Latin and CJK, plus supplementary characters as valid surrogate pairs
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u07ff')
                .withCharRange('\u4e00', '\u4e40').ofMaxLength(40);
        return Arbitraries.oneOf(bmp, bmp.map(s -> s + "\uD83D\uDE00"));
    }

    /** Any attribute but the trailer ones (MESSAGE-INTEGRITY, -SHA256, FINGERPRINT). */
    static Arbitrary<StunAttribute> bodyAttributes() {
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xFFFF);
        return Arbitraries.oneOf(List.of(
                addresses().map(MappedAddress::new),
                addresses().map(XorMappedAddress::new),
                addresses().map(ResponseOrigin::new),
                addresses().map(OtherAddress::new),
                text().map(Username::new),
                text().map(Realm::new),
                text().map(Nonce::new),
                text().map(Software::new),
                Combinators.combine(Arbitraries.integers().between(300, 699), text()).as(ErrorCode::new),
                u16.list().ofMaxSize(6).map(UnknownAttributes::new),
                Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(Priority::new),
                Arbitraries.longs().map(IceControlled::new),
                Arbitraries.longs().map(IceControlling::new),
                Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false)).as(ChangeRequest::new),
                u16.map(ResponsePort::new),
                Arbitraries.integers().between(0, 64).map(Padding::new),
                Combinators.combine(u16.filter(t -> !KNOWN_TYPES.contains(t)),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Bytes::of)).as(Unknown::new)));
    }

    /** Messages as a decoder returns them: body attributes, then trailer ones in RFC order. */
    static Arbitrary<StunMessage> messages() {
        Arbitrary<byte[]> mac20 = Arbitraries.bytes().array(byte[].class).ofSize(20);
        Arbitrary<byte[]> mac256 = Arbitraries.integers().between(4, 8)
                .flatMap(words -> Arbitraries.bytes().array(byte[].class).ofSize(4 * words));
        Arbitrary<List<StunAttribute>> trailer = Combinators.combine(
                        mac20.injectNull(0.5), mac256.injectNull(0.5), Arbitraries.integers().injectNull(0.5))
                .as((mi, mi256, fp) -> {
                    List<StunAttribute> t = new ArrayList<>();
                    if (mi != null) {
                        t.add(new MessageIntegrity(Bytes.of(mi)));
                    }
                    if (mi256 != null) {
                        t.add(new MessageIntegritySha256(Bytes.of(mi256)));
                    }
                    if (fp != null) {
                        t.add(new Fingerprint(fp));
                    }
                    return t;
                });
        return Combinators.combine(Arbitraries.of(StunClass.class), Arbitraries.integers().between(0, 0xFFF),
                        transactionIds(), bodyAttributes().list().ofMaxSize(8), trailer)
                .as((cls, method, id, body, tail) -> {
                    List<StunAttribute> all = new ArrayList<>(body);
                    all.addAll(tail);
                    return new StunMessage(cls, method, id, all);
                });
    }

    static InetAddress inet(byte[] ip) {
        try {
            return ip.length == 4 ? InetAddress.getByAddress(ip) : Inet6Address.getByAddress(null, ip, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
