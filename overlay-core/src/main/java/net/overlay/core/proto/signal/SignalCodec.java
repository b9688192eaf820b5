package net.overlay.core.proto.signal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
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
import net.overlay.core.proto.signal.Signal.Refused;
import net.overlay.core.proto.signal.Signal.Register;
import net.overlay.core.proto.signal.Signal.Registered;
import net.overlay.core.proto.signal.Signal.PunchReport;
import net.overlay.core.proto.signal.Signal.PunchSync;
import net.overlay.core.proto.traversal.FilteringBehavior;
import net.overlay.core.proto.traversal.MappingBehavior;
import net.overlay.core.proto.traversal.PortAllocation;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Utf8;
import net.overlay.core.proto.wire.WireException;
import net.overlay.core.proto.wire.WireReader;

/**
 * Encodes and decodes {@link Signal}s. A body is a version byte (1) and the message's fields in a
 * fixed order: integers as QUIC varints or fixed-width big-endian, byte strings and UTF-8 strings
 * as a varint length and the bytes, addresses as family (4 or 6), address and port, lists as a
 * varint count and the items. Every length and count is bounded before anything is allocated;
 * trailing bytes are an error (one encoding per message). Decoding any input yields a message or a
 * {@link SignalException}, nothing else.
 */
public final class SignalCodec {
    /** Body format version. */
    public static final int VERSION = 1;
    public static final int MAX_CANDIDATES = 16;
    public static final int MAX_SERVICES = 32;
    public static final int MAX_NAME_BYTES = 63;
    public static final int MAX_MESSAGE_BYTES = 256;
    /** Tickets, grants, certificates: a few hundred bytes each. */
    public static final int MAX_STATEMENT_BYTES = 1024;

    private SignalCodec() {}

    /** The message's body (without the kind, which travels in the Control frame). */
    public static Bytes encode(Signal s) {
        SignalWriter w = new SignalWriter().u8(VERSION);
        switch (s) {
            case Hello h -> w.u8(h.role().ordinal()).raw(h.peerId()).string(h.deviceName())
                    .raw(h.staticKeySignature()).bytes(h.certificate());
            case Register r -> {
                w.varint(r.requestId());
                candidates(w, r.candidates());
                nat(w, r.nat());
                w.varint(r.services().size());
                r.services().forEach(w::string);
            }
            case Registered r -> w.varint(r.requestId()).address(r.observed()).varint(r.keepaliveIntervalMs());
            case Keepalive k -> w.varint(k.requestId());
            case KeepaliveAck k -> w.varint(k.requestId()).address(k.observed());
            case Connect c -> {
                w.varint(c.requestId()).string(c.deviceName()).string(c.service()).raw(c.nonce());
                candidates(w, c.candidates());
                nat(w, c.nat());
            }
            case Offer o -> {
                w.varint(o.offerId()).raw(o.clientPeerId()).raw(o.clientStaticKey()).string(o.service());
                candidates(w, o.candidates());
                nat(w, o.nat());
                relay(w, o.relay());
            }
            case OfferAck a -> w.varint(a.offerId());
            case Answer a -> {
                w.varint(a.requestId()).raw(a.devicePeerId()).raw(a.deviceStaticKey());
                candidates(w, a.candidates());
                nat(w, a.nat());
                relay(w, a.relay());
                w.bytes(a.ticket()).bytes(a.grant());
            }
            case Refused r -> w.varint(r.requestId()).u16(r.code().code()).string(r.message());
            case PunchSync p -> w.varint(Integer.toUnsignedLong(p.attemptId()));
            case PunchReport p -> w.varint(p.direct() ? 1 : 0);
            case BirthdayReady b -> w.varint(Integer.toUnsignedLong(b.attemptId()));
            case AccessRequest a -> w.string(a.service()).bytes(a.ticket()).bytes(a.grant());
            case AccessGranted a -> {
                w.string(a.service());
                candidates(w, a.candidates());
            }
        }
        return w.toBytes();
    }

    /** Decodes a body of the given Control-frame kind. */
    public static Signal decode(long kind, Bytes body) throws SignalException {
        byte[] b = body.toArray();
        return decode(kind, b, 0, b.length);
    }

    public static Signal decode(long kind, byte[] buf, int off, int len) throws SignalException {
        SignalKind k = SignalKind.fromCode(kind);
        if (k == null) {
            throw new SignalException("unknown signal kind " + kind);
        }
        try {
            WireReader r = new WireReader(buf, off, len);
            int version = r.readU8();
            if (version != VERSION) {
                throw new SignalException("unsupported signal version " + version);
            }
            Signal s = switch (k) {
                case HELLO -> new Hello(role(r), r.readBytes(32, "peerId"), name(r, "deviceName", true),
                        r.readBytes(64, "signature"), statement(r, "certificate"));
                case REGISTER -> new Register(r.readVarint(), candidates(r), nat(r), services(r));
                case REGISTERED -> new Registered(r.readVarint(), address(r), r.readVarint());
                case KEEPALIVE -> new Keepalive(r.readVarint());
                case KEEPALIVE_ACK -> new KeepaliveAck(r.readVarint(), address(r));
                case CONNECT -> new Connect(r.readVarint(), name(r, "deviceName", false), name(r, "service", false),
                        r.readBytes(16, "nonce"), candidates(r), nat(r));
                case OFFER -> new Offer(r.readVarint(), r.readBytes(32, "clientPeerId"), r.readBytes(32, "clientStaticKey"),
                        name(r, "service", false), candidates(r), nat(r), relay(r));
                case OFFER_ACK -> new OfferAck(r.readVarint());
                case ANSWER -> new Answer(r.readVarint(), r.readBytes(32, "devicePeerId"),
                        r.readBytes(32, "deviceStaticKey"), candidates(r), nat(r), relay(r),
                        statement(r, "ticket"), statement(r, "grant"));
                case REFUSED -> new Refused(r.readVarint(), refusal(r), text(r, MAX_MESSAGE_BYTES, "message"));
                case PUNCH_SYNC -> new PunchSync((int) bounded(r.readVarint(), 0xFFFF_FFFFL, "attemptId"));
                case PUNCH_REPORT -> new PunchReport(bounded(r.readVarint(), 1, "direct") == 1);
                case BIRTHDAY_READY -> new BirthdayReady((int) bounded(r.readVarint(), 0xFFFF_FFFFL, "attemptId"));
                case ACCESS_REQUEST -> new AccessRequest(name(r, "service", false), statement(r, "ticket"),
                        statement(r, "grant"));
                case ACCESS_GRANTED -> new AccessGranted(name(r, "service", false), candidates(r));
            };
            if (r.hasRemaining()) {
                throw new SignalException(k + ": " + r.remaining() + " trailing bytes");
            }
            return s;
        } catch (WireException e) {
            throw new SignalException(k + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // A record's own check (e.g. a relay token of 0): the input broke a rule of the format.
            throw new SignalException(k + ": " + e.getMessage());
        }
    }

    static void requireLength(Bytes b, int n, String what) {
        if (b == null || b.length() != n) {
            throw new IllegalArgumentException(what + " must be " + n + " bytes");
        }
    }

    static <T> List<T> boundedList(List<T> list, int max, String what) {
        if (list.size() > max) {
            throw new IllegalArgumentException(what + ": at most " + max + ", got " + list.size());
        }
        return List.copyOf(list);
    }

    private static void candidates(SignalWriter w, List<Candidate> cs) {
        w.varint(cs.size());
        for (Candidate c : cs) {
            w.u8(c.type().code()).address(c.address());
        }
    }

    private static void nat(SignalWriter w, NatSummary n) {
        w.u8(n.natted() ? 1 : 0).u8(ordinalOrNone(n.mapping())).u8(ordinalOrNone(n.filtering()))
                .u8(ordinalOrNone(n.allocation())).u16(n.portStep());
    }

    private static int ordinalOrNone(Enum<?> e) {
        return e == null ? 0xff : e.ordinal();
    }

    private static void relay(SignalWriter w, RelayGrant g) {
        w.address(g.relay()).u64(g.token()).varint(g.expiresInMs());
    }

    private static PeerRole role(WireReader r) throws WireException, SignalException {
        int v = r.readU8();
        if (v >= PeerRole.values().length) {
            throw new SignalException("unknown role " + v);
        }
        return PeerRole.values()[v];
    }

    private static List<Candidate> candidates(WireReader r) throws WireException, SignalException {
        int n = (int) bounded(r.readVarint(), MAX_CANDIDATES, "candidate count");
        List<Candidate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Candidate.Type t = Candidate.Type.fromCode(r.readU8());
            if (t == null) {
                throw new SignalException("unknown candidate type");
            }
            out.add(new Candidate(t, address(r)));
        }
        return out;
    }

    private static List<String> services(WireReader r) throws WireException, SignalException {
        int n = (int) bounded(r.readVarint(), MAX_SERVICES, "service count");
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(name(r, "service", false));
        }
        return out;
    }

    private static NatSummary nat(WireReader r) throws WireException, SignalException {
        boolean natted = flag(r.readU8());
        MappingBehavior m = enumOrNull(MappingBehavior.values(), r.readU8());
        FilteringBehavior f = enumOrNull(FilteringBehavior.values(), r.readU8());
        PortAllocation a = enumOrNull(PortAllocation.values(), r.readU8());
        int step = (r.readU8() << 8) | r.readU8();
        return new NatSummary(natted, m, f, a, step);
    }

    private static <E> E enumOrNull(E[] values, int v) throws SignalException {
        if (v == 0xff) {
            return null;
        }
        if (v >= values.length) {
            throw new SignalException("enum value " + v + " out of range");
        }
        return values[v];
    }

    private static boolean flag(int v) throws SignalException {
        if (v > 1) {
            throw new SignalException("flag must be 0 or 1, got " + v);
        }
        return v == 1;
    }

    private static RelayGrant relay(WireReader r) throws WireException, SignalException {
        InetSocketAddress a = address(r);
        long token = r.readU64();
        return new RelayGrant(a, token, r.readVarint());
    }

    private static RefusalCode refusal(WireReader r) throws WireException, SignalException {
        RefusalCode c = RefusalCode.fromCode((r.readU8() << 8) | r.readU8());
        if (c == null) {
            throw new SignalException("unknown refusal code");
        }
        return c;
    }

    private static InetSocketAddress address(WireReader r) throws WireException, SignalException {
        int family = r.readU8();
        int n = switch (family) {
            case 4 -> 4;
            case 6 -> 16;
            default -> throw new SignalException("unknown address family " + family);
        };
        byte[] ip = r.readBytes(n, "address").toArray();
        int port = (r.readU8() << 8) | r.readU8();
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new SignalException("bad address");
        }
    }

    private static Bytes statement(WireReader r, String what) throws WireException {
        return r.readBytes(r.readLength(MAX_STATEMENT_BYTES, what), what);
    }

    private static String name(WireReader r, String what, boolean mayBeEmpty) throws WireException, SignalException {
        String s = text(r, MAX_NAME_BYTES, what);
        if (!mayBeEmpty && s.isEmpty()) {
            throw new SignalException(what + " is empty");
        }
        return s;
    }

    private static String text(WireReader r, int max, String what) throws WireException {
        int n = r.readLength(max, what);
        String s = Utf8.decode(r.buffer(), r.position(), n);
        r.skip(n, what);
        return s;
    }

    private static long bounded(long v, long max, String what) throws SignalException {
        if (v < 0 || v > max) {
            throw new SignalException(what + " " + v + " exceeds " + max);
        }
        return v;
    }
}
