package net.overlay.core.proto.wire;

import static net.overlay.core.proto.wire.HexFields.bytes;
import static net.overlay.core.proto.wire.HexFields.counting;
import static net.overlay.core.proto.wire.HexFields.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.wire.WireException.Reason;
import org.junit.jupiter.api.Test;

/** What the frame decoder refuses, and why; and the records' matching checks. */
class FrameCodecRefusalTest {

    private static void assertRefused(byte[] payload, Reason reason) {
        assertThatThrownBy(() -> FrameCodec.decodeAll(payload, 0, payload.length))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void frameTypesThisVersionDoesNotDefineAreRefused() {
        assertRefused(hex("03"), Reason.UNKNOWN_FRAME_TYPE);             // QUIC's ACK_ECN
        assertRefused(hex("06"), Reason.UNKNOWN_FRAME_TYPE);
        assertRefused(hex("13", "01"), Reason.UNKNOWN_FRAME_TYPE);       // QUIC's MAX_STREAMS (uni)
        assertRefused(hex("4041"), Reason.UNKNOWN_FRAME_TYPE);
        assertRefused(hex("c000000040000000"), Reason.UNKNOWN_FRAME_TYPE);  // 2^30, eight bytes
    }

    @Test
    void frameTypesInALongerFormThanNeededAreRefused() {
        assertRefused(hex("4001"), Reason.FRAME_TYPE_NOT_MINIMAL);                      // PING
        assertRefused(hex("00", "4000"), Reason.FRAME_TYPE_NOT_MINIMAL);                // PADDING
        assertRefused(hex("80000040", "01", "00"), Reason.FRAME_TYPE_NOT_MINIMAL);      // CONTROL
    }

    @Test
    void anAckWithMoreThan256RangesIsRefusedBeforeItsRangesAreRead() {
        assertRefused(hex("02", "4064", "00", "4101", "00"), Reason.TOO_MANY_ACK_RANGES);
    }

    @Test
    void anAckRangeCountTheInputCannotHoldIsTruncated() {
        assertRefused(hex("02", "4064", "00", "4100", "00", "0000"), Reason.TRUNCATED);
    }

    @Test
    void ackRangesBelowPacketNumberZeroAreRefused() {
        assertRefused(hex("02", "05", "00", "00", "06"), Reason.BAD_ACK_RANGE);             // first range > largest
        assertRefused(hex("02", "05", "00", "01", "04", "00", "00"), Reason.BAD_ACK_RANGE); // next largest -1
        assertRefused(hex("02", "05", "00", "01", "02", "00", "02"), Reason.BAD_ACK_RANGE); // next smallest -1
        assertThatThrownBy(() -> new Frame.Ack(5, 0, 2, List.of(new Frame.Ack.Range(0, 2))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAckRangeEndingAtPacketZeroIsAccepted() throws WireException {
        byte[] payload = hex(
                "02",   // type ACK
                "05",   // largest 5
                "00",   // delay 0
                "01",   // one more range
                "02",   // first range: 3..5
                "00",   // gap: 2 missing
                "01");  // range length: 0..1
        Frame.Ack ack = (Frame.Ack) FrameCodec.decodeAll(payload, 0, payload.length).getFirst();
        assertThat(ack.smallestAcked()).isZero();
    }

    @Test
    void streamOffsetPlusLengthReaching2To62IsRefused() {
        assertRefused(hex("0e", "01", "ffffffffffffffff", "01", "aa"), Reason.STREAM_OFFSET_OVERFLOW);
        assertRefused(hex("0c", "01", "fffffffffffffffe", "aabb"), Reason.STREAM_OFFSET_OVERFLOW);
        assertThatThrownBy(() -> new Frame.Stream(1, WireConstants.VARINT_MAX, bytes("aa"), false, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStreamEndingExactlyAt2To62MinusOneIsAccepted() throws WireException {
        byte[] payload = hex("0e", "01", "fffffffffffffffe", "01", "aa");
        assertThat(FrameCodec.decodeAll(payload, 0, payload.length)).hasSize(1);
    }

    @Test
    void lengthsPastTheEndOfThePayloadAreTruncated() {
        assertRefused(hex("0a", "01", "05", "aabb"), Reason.TRUNCATED);            // STREAM | LEN
        assertRefused(hex("31", "bfffffff", "aa"), Reason.TRUNCATED);             // DATAGRAM, 1 GiB
        assertRefused(hex("1c", "00", "05", "6869"), Reason.TRUNCATED);            // CLOSE
        assertRefused(hex("20", "01", "4400", "aa"), Reason.TRUNCATED);            // CC_FEEDBACK, 1024
        assertRefused(hex("4040", "01", "5000", "aa"), Reason.TRUNCATED);          // CONTROL, 4096
        assertRefused(hex("1a", "01020304"), Reason.TRUNCATED);                    // PATH_CHALLENGE
        assertRefused(hex("04", "01", "02"), Reason.TRUNCATED);                    // RESET_STREAM
        assertRefused(hex("10", "80"), Reason.TRUNCATED);                          // MAX_DATA, cut varint
    }

    @Test
    void lengthPrefixedFieldsOverTheirCapAreRefusedWhateverFollows() {
        assertRefused(hex("1c", "00", "4401", counting(0x41, 1025)), Reason.FIELD_TOO_LONG);
        assertRefused(hex("20", "01", "4401", counting(0, 1025)), Reason.FIELD_TOO_LONG);
        assertRefused(hex("4040", "01", "5001", counting(0, 4097)), Reason.FIELD_TOO_LONG);
        assertRefused(hex("4040", "01", "ffffffffffffffff"), Reason.FIELD_TOO_LONG);
    }

    @Test
    void closeReasonsThatAreNotUtf8AreRefused() {
        assertRefused(hex("1c", "00", "02", "c080"), Reason.INVALID_UTF8);   // overlong NUL
        assertRefused(hex("1c", "00", "03", "eda080"), Reason.INVALID_UTF8); // encoded surrogate
        assertRefused(hex("1c", "00", "01", "ff"), Reason.INVALID_UTF8);
        assertRefused(hex("1c", "00", "02", "e282"), Reason.INVALID_UTF8);   // cut sequence
    }

    @Test
    void aCloseReasonOfExactly1024BytesIsAccepted() throws WireException {
        Frame.Close close = new Frame.Close(1, "x".repeat(1024));
        byte[] out = new byte[FrameCodec.encodedLength(close)];
        FrameCodec.encode(close, out, 0);
        assertThat(FrameCodec.decodeAll(out, 0, out.length)).containsExactly(close);
        assertThatThrownBy(() -> new Frame.Close(1, "x".repeat(1025))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Frame.Close(1, "\ud800")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunOfZeroBytesIsOnePaddingFrameWhereverItSits() throws WireException {
        byte[] payload = hex("000000", "01", "00");
        assertThat(FrameCodec.decodeAll(payload, 0, payload.length))
                .containsExactly(new Frame.Padding(3), new Frame.Ping(), new Frame.Padding(1));
    }

    @Test
    void decodingStopsAtTheGivenLengthNotTheEndOfTheArray() throws WireException {
        byte[] buf = hex("ff", "08", "01", "aabb", "ff");
        assertThat(FrameCodec.decodeAll(buf, 1, 4))
                .containsExactly(new Frame.Stream(1, 0, bytes("aabb"), false, false));
    }

    @Test
    void recordsRefuseValuesOutside62Bits() {
        List<Runnable> makers = new ArrayList<>();
        makers.add(() -> new Frame.MaxData(-1));
        makers.add(() -> new Frame.MaxData(1L << 62));
        makers.add(() -> new Frame.ResetStream(0, 0, -1));
        makers.add(() -> new Frame.Ack.Range(-1, 0));
        makers.add(() -> new Frame.Control(-1, Bytes.EMPTY));
        makers.add(() -> new Frame.Control(1, Bytes.wrapOwned(new byte[4097])));
        makers.add(() -> new Frame.CcFeedback(1, Bytes.wrapOwned(new byte[1025])));
        makers.add(() -> new Frame.Padding(0));
        for (Runnable maker : makers) {
            assertThatThrownBy(maker::run).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void encodeChecksRoomBeforeWritingAnything() {
        byte[] small = new byte[3];
        assertThatThrownBy(() -> FrameCodec.encode(new Frame.MaxData(1 << 20), small, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(small).containsOnly(0);
    }
}
