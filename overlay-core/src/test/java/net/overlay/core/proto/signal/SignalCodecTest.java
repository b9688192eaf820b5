package net.overlay.core.proto.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.overlay.core.proto.signal.Signal.AccessGranted;
import net.overlay.core.proto.signal.Signal.AccessRequest;
import net.overlay.core.proto.signal.Signal.Answer;
import net.overlay.core.proto.signal.Signal.BirthdayReady;
import net.overlay.core.proto.signal.Signal.Connect;
import net.overlay.core.proto.signal.Signal.Hello;
import net.overlay.core.proto.signal.Signal.Keepalive;
import net.overlay.core.proto.signal.Signal.KeepaliveAck;
import net.overlay.core.proto.signal.Signal.Offer;
import net.overlay.core.proto.signal.Signal.OfferAck;
import net.overlay.core.proto.signal.Signal.PeerRole;
import net.overlay.core.proto.signal.Signal.PunchReport;
import net.overlay.core.proto.signal.Signal.PunchSync;
import net.overlay.core.proto.signal.Signal.Refused;
import net.overlay.core.proto.signal.Signal.Register;
import net.overlay.core.proto.signal.Signal.Registered;
import net.overlay.core.proto.traversal.FilteringBehavior;
import net.overlay.core.proto.traversal.MappingBehavior;
import net.overlay.core.proto.traversal.PortAllocation;
import net.overlay.core.proto.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignalCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static InetSocketAddress addr(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Bytes filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return Bytes.wrapOwned(b);
    }

    private static final NatSummary PORT_RESTRICTED = new NatSummary(true, MappingBehavior.ENDPOINT_INDEPENDENT,
            FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT, PortAllocation.PRESERVING, 1);
    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate(Candidate.Type.HOST, addr("10.0.0.2", 40000)),
            new Candidate(Candidate.Type.SERVER_REFLEXIVE, addr("203.0.113.7", 40000)),
            new Candidate(Candidate.Type.PREDICTED, addr("2001:db8::1", 40002)));
    private static final RelayGrant RELAY = new RelayGrant(addr("198.51.100.1", 3478), 0x0102030405060708L, 3_600_000);

    static Stream<Signal> everyKind() {
        return Stream.of(
                new Hello(PeerRole.DEVICE, filled(32, 1), "camera-1", filled(64, 2), filled(100, 3)),
                new Hello(PeerRole.CLIENT, filled(32, 1), "", filled(64, 2), Bytes.EMPTY),
                new Register(7, CANDIDATES, PORT_RESTRICTED, List.of("http", "ssh")),
                new Registered(7, addr("203.0.113.7", 40000), 25_000),
                new Keepalive(1L << 40),
                new KeepaliveAck(9, addr("2001:db8::7", 1)),
                new Connect(3, "camera-1", "rtsp", filled(16, 9), CANDIDATES, NatSummary.unknown()),
                new Offer(11, filled(32, 4), filled(32, 5), "http", CANDIDATES, NatSummary.open(), RELAY),
                new OfferAck(11),
                new Answer(3, filled(32, 6), filled(32, 7), List.of(), PORT_RESTRICTED, RELAY, filled(300, 8), filled(200, 9)),
                new Refused(3, RefusalCode.NO_GRANT, "no grant for rtsp on camera-1"),
                new PunchSync(-1),
                new PunchReport(true),
                new BirthdayReady(7),
                new AccessRequest("ssh", filled(300, 1), filled(200, 2)),
                new AccessGranted("ssh", CANDIDATES));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void everyMessageRoundTrips(Signal s) throws SignalException {
        Bytes body = SignalCodec.encode(s);
        assertThat(SignalCodec.decode(s.kind().code(), body)).isEqualTo(s);
    }

    @Test
    void registerHasTheDocumentedLayout() throws SignalException {
        Signal s = new Register(7, List.of(new Candidate(Candidate.Type.SERVER_REFLEXIVE, addr("203.0.113.7", 40000))),
                PORT_RESTRICTED, List.of("ssh"));
        String golden = "01"          // body version 1
                + "07"                // request id 7 (varint)
                + "01"                // one candidate
                + "02"                // server-reflexive
                + "04" + "cb007107"   // IPv4 203.0.113.7
                + "9c40"              // port 40000
                + "01"                // natted
                + "00"                // mapping: endpoint-independent
                + "02"                // filtering: address-and-port-dependent
                + "00"                // allocation: preserving
                + "0001"              // port step 1
                + "01"                // one service
                + "03" + "737368";    // "ssh"
        assertThat(SignalCodec.encode(s).toHex()).isEqualTo(golden);
        assertThat(SignalCodec.decode(SignalKind.REGISTER.code(), Bytes.fromHex(golden))).isEqualTo(s);
    }

    @Test
    void refusesWhatTheFormatForbids() {
        Bytes keepalive = SignalCodec.encode(new Keepalive(1));
        assertThatThrownBy(() -> SignalCodec.decode(99, keepalive)).hasMessageContaining("unknown signal kind");
        assertThatThrownBy(() -> SignalCodec.decode(SignalKind.KEEPALIVE.code(), Bytes.fromHex("0201")))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> SignalCodec.decode(SignalKind.KEEPALIVE.code(), Bytes.fromHex("010100")))
                .hasMessageContaining("trailing");
        // A relay token of 0 is reserved: the record's rule becomes a decode error.
        Bytes zeroToken = SignalCodec.encode(new Offer(1, filled(32, 1), filled(32, 2), "http", List.of(),
                NatSummary.unknown(), RELAY));
        byte[] b = zeroToken.toArray();
        int tokenAt = b.length - 8 - 4; // token, then expiry 3,600,000 as a 4-byte varint
        java.util.Arrays.fill(b, tokenAt, tokenAt + 8, (byte) 0);
        assertThatThrownBy(() -> SignalCodec.decode(SignalKind.OFFER.code(), Bytes.wrapOwned(b)))
                .isInstanceOf(SignalException.class).hasMessageContaining("token");
        // Seventeen candidates: more than the bound, refused before anything is built.
        assertThatThrownBy(() -> SignalCodec.decode(SignalKind.ACCESS_GRANTED.code(), Bytes.fromHex("0103737368" + "11")))
                .hasMessageContaining("candidate count");
    }

    @Test
    void hostileBodiesRaiseOnlySignalException() {
        List<Signal> seeds = everyKind().toList();
        SplittableRandom r = new SplittableRandom(5);
        int iterations = Integer.getInteger("overlay.fuzz.iterations", 100_000);
        for (int i = 0; i < iterations; i++) {
            Signal seed = seeds.get(r.nextInt(seeds.size()));
            byte[] b = SignalCodec.encode(seed).toArray();
            switch (r.nextInt(4)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
                case 2 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                default -> {
                    b = new byte[r.nextInt(64)];
                    r.nextBytes(b);
                }
            }
            long kind = r.nextInt(10) == 0 ? r.nextInt(20) : seed.kind().code();
            try {
                SignalCodec.decode(kind, b, 0, b.length);
            } catch (SignalException expected) {
                // the only allowed failure
            } catch (Throwable t) {
                fail("kind " + kind + " input " + HEX.formatHex(b) + " threw " + t, t);
            }
        }
    }
}
