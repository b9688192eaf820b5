package net.overlay.core.proto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCodec;
import net.overlay.core.proto.wire.WireException;

/**
 * Whatever a peer sends, {@link Transport#handlePacket} raises nothing but {@link WireException}
 * or {@link TransportException}, and the transport keeps working for its outputs afterwards.
 */
class TransportInputPropertyTest {
    private static final TransportConfig SMALL = TransportConfig.DEFAULTS.withWindows(16 * 1024, 40 * 1024).withMaxStreams(8);

    @Provide
    Arbitrary<List<List<Frame>>> packets() {
        return frame().list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<byte[]>> rawPackets() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64).list().ofMinSize(1).ofMaxSize(8);
    }

    private static Arbitrary<Long> streamId() {
        return Arbitraries.longs().between(0, 20);
    }

    private static Arbitrary<Long> offset() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 70_000), Arbitraries.longs().between(0, (1L << 62) - 4000));
    }

    private static Arbitrary<Frame> frame() {
        Arbitrary<Long> small = Arbitraries.longs().between(0, 50);
        return Arbitraries.oneOf(
                Combinators.combine(streamId(), offset(), Arbitraries.integers().between(0, 3000), Arbitraries.of(true, false))
                        .as((id, off, len, fin) -> new Frame.Stream(id, off, Bytes.of(new byte[len]), fin, true)),
                Combinators.combine(streamId(), small, offset()).as(Frame.ResetStream::new),
                Combinators.combine(streamId(), small).as(Frame.StopSending::new),
                Combinators.combine(streamId(), offset()).as(Frame.MaxStreamData::new),
                Combinators.combine(streamId(), offset()).as(Frame.StreamDataBlocked::new),
                offset().map(Frame.MaxData::new),
                small.map(Frame.MaxStreams::new),
                small.map(Frame.DataBlocked::new),
                Combinators.combine(small, small, small).as((largest, delay, first) ->
                        new Frame.Ack(largest, delay, Math.min(first, largest), List.of())),
                Arbitraries.longs().map(Frame.PathChallenge::new),
                Arbitraries.longs().map(Frame.PathResponse::new),
                Arbitraries.just(new Frame.Ping()),
                Arbitraries.integers().between(1, 20).map(Frame.Padding::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(100).map(b -> new Frame.Datagram(Bytes.of(b), true)),
                Combinators.combine(small, Arbitraries.bytes().array(byte[].class).ofMaxSize(50))
                        .as((k, b) -> new Frame.CcFeedback(k, Bytes.of(b))),
                Arbitraries.just(new Frame.Close(1, "x")));
    }

    @Property(tries = 300)
    void randomFrameSequencesRaiseOnlyTheTwoErrorTypes(@ForAll("packets") List<List<Frame>> packets) {
        Transport t = new Transport(SMALL, AimdController.withDefaults(), null, false);
        t.openStream();
        byte[] out = new byte[2000];
        long now = 0;
        long pn = 0;
        for (List<Frame> frames : packets) {
            byte[] payload = encode(frames);
            now += 1_000_000;
            if (!feedSurvives(t, now, pn++, payload)) {
                return;
            }
            long sent = t.nextPacketNumber();
            while (t.pollPacket(now, sent, out, 0, out.length) > 0) {
                assertThat(t.nextPacketNumber()).as("one number per packet written").isEqualTo(++sent);
            }
            t.handleTimeout(now);
            while (t.pollEvent() != null) {
                assertThat(t.openStreamCount()).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Property(tries = 300)
    void randomBytesRaiseOnlyTheTwoErrorTypes(@ForAll("rawPackets") List<byte[]> packets) {
        Transport t = new Transport(SMALL, AimdController.withDefaults(), null, true);
        long pn = 0;
        for (byte[] payload : packets) {
            if (!feedSurvives(t, pn * 1000, pn++, payload)) {
                return;
            }
        }
    }

    /** Feeds one packet; false once the transport refused it (the session would close then). */
    private static boolean feedSurvives(Transport t, long now, long pn, byte[] payload) {
        try {
            t.handlePacket(now, pn, payload, 0, payload.length);
            return true;
        } catch (WireException | TransportException expected) {
            return false;
        }
    }

    private static byte[] encode(List<Frame> frames) {
        int len = frames.stream().mapToInt(FrameCodec::encodedLength).sum();
        byte[] buf = new byte[len];
        int pos = 0;
        for (Frame f : frames) {
            pos = FrameCodec.encode(f, buf, pos);
        }
        return buf;
    }
}
