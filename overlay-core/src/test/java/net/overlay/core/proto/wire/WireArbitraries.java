package net.overlay.core.proto.wire;

import static net.overlay.core.proto.wire.WireConstants.VARINT_MAX;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for every packet and frame record, shared by the properties and the fuzz corpus. */
final class WireArbitraries {

    private WireArbitraries() {
    }

    // --- packets ---

    static Arbitrary<Packet> packets() {
        return Arbitraries.oneOf(unrelayedPackets(), relayed());
    }

    static Arbitrary<Packet> unrelayedPackets() {
        return Arbitraries.oneOf(initiation(), response(), transport(), cookieReply());
    }

    static Arbitrary<Packet> initiation() {
        return Combinators.combine(u32(), bytes(1, 300)).as(Packet.HandshakeInitiation::new);
    }

    static Arbitrary<Packet> response() {
        return Combinators.combine(u32(), u32(), bytes(1, 300)).as(Packet.HandshakeResponse::new);
    }

    static Arbitrary<Packet> transport() {
        return Combinators.combine(u32(), Arbitraries.longs(), bytes(16, 1300)).as(Packet.Transport::new);
    }

    static Arbitrary<Packet> relayed() {
        return Combinators.combine(Arbitraries.longs(), unrelayedPackets())
                .as((id, inner) -> new Packet.Relayed(id, Bytes.wrapOwned(PacketCodec.encode(inner))));
    }

    static Arbitrary<Packet> cookieReply() {
        return Combinators.combine(u32(), bytes(24, 24), bytes(32, 32)).as(Packet.CookieReply::new);
    }

    // --- frames ---

    /** Frames that carry their own length, so anything may follow them. */
    static Arbitrary<Frame> boundedFrames() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.integers().between(1, 40).map(Frame.Padding::new),
                Arbitraries.just(new Frame.Ping()),
                ack(),
                Combinators.combine(varint(), varint(), varint()).as(Frame.ResetStream::new),
                Combinators.combine(varint(), varint()).as(Frame.StopSending::new),
                stream(true),
                varint().map(Frame.MaxData::new),
                Combinators.combine(varint(), varint()).as(Frame.MaxStreamData::new),
                varint().map(Frame.MaxStreams::new),
                varint().map(Frame.DataBlocked::new),
                Combinators.combine(varint(), varint()).as(Frame.StreamDataBlocked::new),
                Arbitraries.longs().map(Frame.PathChallenge::new),
                Arbitraries.longs().map(Frame.PathResponse::new),
                Combinators.combine(varint(), reason()).as(Frame.Close::new),
                Combinators.combine(varint(), bytes(0, 1024)).as(Frame.CcFeedback::new),
                bytes(0, 200).map(b -> new Frame.Datagram(b, true)),
                Combinators.combine(varint(), bytes(0, 4096)).as(Frame.Control::new)));
    }

    /** Frames whose data runs to the end of the packet: only ever the last one. */
    static Arbitrary<Frame> unboundedFrames() {
        return Arbitraries.oneOf(stream(false), bytes(0, 200).map(b -> new Frame.Datagram(b, false)));
    }

    /** A payload's frames: bounded ones, perhaps ended by one that runs to the end. */
    static Arbitrary<List<Frame>> frameSequences() {
        return Combinators.combine(boundedFrames().list().ofMaxSize(8), unboundedFrames().optional())
                .as((bounded, last) -> {
                    List<Frame> all = new ArrayList<>(bounded);
                    last.ifPresent(all::add);
                    return all;
                });
    }

    static Arbitrary<Frame> ack() {
        Arbitrary<Frame.Ack.Range> range = Combinators.combine(small(), small()).as(Frame.Ack.Range::new);
        return Combinators.combine(small(), range.list().ofMaxSize(WireConstants.MAX_ACK_RANGES), small(), small())
                .as((first, ranges, extra, delay) -> {
                    // Build from the bottom up so the ranges never go below zero: the smallest
                    // packet acknowledged is 'extra'.
                    long largest = extra + first;
                    for (Frame.Ack.Range r : ranges) {
                        largest += r.gap() + 2 + r.length();
                    }
                    return new Frame.Ack(largest, delay, first, ranges);
                });
    }

    static Arbitrary<Frame> stream(boolean explicitLength) {
        Arbitrary<Long> offset = Arbitraries.oneOf(Arbitraries.just(0L), varint());
        return Combinators.combine(varint(), offset, bytes(0, 200), Arbitraries.of(true, false))
                .as((id, off, data, fin) -> new Frame.Stream(
                        id, Math.min(off, VARINT_MAX - data.length()), data, fin, explicitLength));
    }

    static Arbitrary<String> reason() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().ascii().ofMaxLength(100),
                        Arbitraries.strings().ofMaxLength(400))
                .filter(s -> {
                    int n = Utf8.encodedLength(s);
                    return n >= 0 && n <= WireConstants.MAX_CLOSE_REASON_BYTES;
                });
    }

    // --- fields ---

    /** Values of every varint length, so each encoding form turns up. */
    static Arbitrary<Long> varint() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 63),
                Arbitraries.longs().between(64, 16383),
                Arbitraries.longs().between(16384, (1L << 30) - 1),
                Arbitraries.longs().between(1L << 30, VARINT_MAX));
    }

    /** Values small enough that a few hundred of them add up to far below 2^62. */
    static Arbitrary<Long> small() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 100), Arbitraries.longs().between(0, 1L << 40));
    }

    static Arbitrary<Integer> u32() {
        return Arbitraries.integers();
    }

    static Arbitrary<Bytes> bytes(int minBytes, int maxBytes) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(minBytes).ofMaxSize(maxBytes).map(Bytes::wrapOwned);
    }
}
