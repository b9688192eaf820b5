package net.overlay.core.proto.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FrameRoundTripProperties {

    @Provide
    Arbitrary<List<Frame>> sequences() {
        return WireArbitraries.frameSequences();
    }

    @Provide
    Arbitrary<Frame> frames() {
        return Arbitraries.oneOf(WireArbitraries.boundedFrames(), WireArbitraries.unboundedFrames());
    }

    @Provide
    Arbitrary<Long> varints() {
        return WireArbitraries.varint();
    }

    @Property
    void everyFrameDecodesToItselfAfterEncoding(@ForAll("frames") Frame frame) throws WireException {
        byte[] payload = new byte[FrameCodec.encodedLength(frame)];
        assertThat(FrameCodec.encode(frame, payload, 0)).isEqualTo(payload.length);
        assertThat(FrameCodec.decodeAll(payload, 0, payload.length)).containsExactly(frame);
    }

    @Property
    void aSequenceOfFramesDecodesToTheSameSequence(@ForAll("sequences") List<Frame> frames) throws WireException {
        int len = frames.stream().mapToInt(FrameCodec::encodedLength).sum();
        byte[] buf = new byte[len + 4];
        int pos = 2;
        for (Frame f : frames) {
            pos = FrameCodec.encode(f, buf, pos);
        }
        assertThat(pos).isEqualTo(2 + len);

        List<Frame> expected = mergeAdjacentPadding(frames);
        assertThat(FrameCodec.decodeAll(buf, 2, len)).isEqualTo(expected);
        FrameCursor cursor = new FrameCursor(buf, 2, len);
        for (Frame f : expected) {
            assertThat(cursor.next()).isEqualTo(f);
        }
        assertThat(cursor.hasNext()).isFalse();
    }

    @Property
    void varintsInAnyLongEnoughFormDecodeToTheSameValues(
            @ForAll("varints") long streamId, @ForAll("varints") long errorCode, @ForAll("varints") long finalSize,
            @ForAll long widthChoices) throws WireException {
        byte[] buf = new byte[32];
        int pos = Varint.encode(WireConstants.FRAME_RESET_STREAM, buf, 0); // types: shortest form only
        pos = Varint.encode(streamId, width(1, streamId, widthChoices), buf, pos);
        pos = Varint.encode(errorCode, width(2, errorCode, widthChoices), buf, pos);
        pos = Varint.encode(finalSize, width(3, finalSize, widthChoices), buf, pos);
        assertThat(FrameCodec.decodeAll(buf, 0, pos))
                .containsExactly(new Frame.ResetStream(streamId, errorCode, finalSize));
    }

    /** A length of 1, 2, 4 or 8 bytes, picked by two bits of {@code choices}, that holds {@code value}. */
    private static int width(int field, long value, long choices) {
        int wanted = 1 << ((choices >>> (2 * field)) & 3);
        return Math.max(wanted, Varint.encodedLength(value));
    }

    /** A run of zero bytes decodes as one frame, so adjacent Padding frames come back as one. */
    static List<Frame> mergeAdjacentPadding(List<Frame> frames) {
        List<Frame> out = new ArrayList<>();
        for (Frame f : frames) {
            if (f instanceof Frame.Padding p && !out.isEmpty() && out.getLast() instanceof Frame.Padding q) {
                out.set(out.size() - 1, new Frame.Padding(p.lengthBytes() + q.lengthBytes()));
            } else {
                out.add(f);
            }
        }
        return out;
    }
}
