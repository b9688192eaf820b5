package net.overlay.core.proto.wire;

import static net.overlay.core.proto.wire.HexFields.bytes;
import static net.overlay.core.proto.wire.HexFields.counting;
import static net.overlay.core.proto.wire.HexFields.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden vectors for every frame type, in both directions. Varints are minimal unless noted. */
class FrameCodecGoldenTest {

    /** Decodes {@code golden} to exactly {@code frame}, and encodes {@code frame} to {@code golden}. */
    private static void assertGolden(byte[] golden, Frame frame) throws WireException {
        assertThat(FrameCodec.decodeAll(golden, 0, golden.length)).containsExactly(frame);
        assertThat(FrameCodec.encodedLength(frame)).isEqualTo(golden.length);
        byte[] out = new byte[golden.length + 4];
        assertThat(FrameCodec.encode(frame, out, 2)).isEqualTo(2 + golden.length);
        assertThat(java.util.Arrays.copyOfRange(out, 2, 2 + golden.length)).isEqualTo(golden);
    }

    @Test
    void padding() throws WireException {
        assertGolden(hex("00000000"), new Frame.Padding(4)); // a run of 4 zero bytes: one frame
    }

    @Test
    void ping() throws WireException {
        assertGolden(hex("01"), new Frame.Ping()); // type
    }

    @Test
    void ack() throws WireException {
        byte[] golden = hex(
                "02",      // type ACK
                "4064",    // largest acknowledged: 100
                "44e2",    // ACK delay: 1250 us
                "02",      // range count: 2
                "05",      // first range: 95..100 acknowledged
                "01",      // gap: 94, 93 missing (gap + 1 = 2 packets)
                "0a",      // range length: 82..92 acknowledged (length + 1 = 11 packets)
                "00",      // gap: 81 missing
                "00");     // range length: 80 acknowledged
        Frame.Ack ack = new Frame.Ack(100, 1250, 5,
                List.of(new Frame.Ack.Range(1, 10), new Frame.Ack.Range(0, 0)));
        assertGolden(golden, ack);
        assertThat(ack.smallestAcked()).isEqualTo(80);
    }

    @Test
    void resetStream() throws WireException {
        byte[] golden = hex(
                "04",          // type RESET_STREAM
                "04",          // stream id 4
                "4100",        // application error code 256
                "80010000");   // final size 65536 bytes
        assertGolden(golden, new Frame.ResetStream(4, 256, 65536));
    }

    @Test
    void stopSending() throws WireException {
        byte[] golden = hex(
                "05",    // type STOP_SENDING
                "08",    // stream id 8
                "07");   // application error code 7
        assertGolden(golden, new Frame.StopSending(8, 7));
    }

    @Test
    void streamWithOffsetLengthAndFin() throws WireException {
        byte[] golden = hex(
                "0f",        // type STREAM | OFF | LEN | FIN
                "01",        // stream id 1
                "4400",      // offset 1024
                "03",        // length 3
                "616263");   // data "abc"
        assertGolden(golden, new Frame.Stream(1, 1024, bytes("616263"), true, true));
    }

    @Test
    void streamAtOffsetZeroRunningToTheEndOfThePacket() throws WireException {
        byte[] golden = hex(
                "08",          // type STREAM, no OFF (offset 0), no LEN, no FIN
                "02",          // stream id 2
                "68656c6c6f"); // data "hello", to the end of the packet
        assertGolden(golden, new Frame.Stream(2, 0, bytes("68656c6c6f"), false, false));
    }

    @Test
    void streamFinWithNoData() throws WireException {
        byte[] golden = hex(
                "0b",    // type STREAM | LEN | FIN
                "03",    // stream id 3
                "00");   // length 0: the FIN alone
        assertGolden(golden, new Frame.Stream(3, 0, Bytes.EMPTY, true, true));
    }

    @Test
    void maxData() throws WireException {
        byte[] golden = hex(
                "10",          // type MAX_DATA
                "80100000");   // maximum 1048576 bytes
        assertGolden(golden, new Frame.MaxData(1 << 20));
    }

    @Test
    void maxStreamData() throws WireException {
        byte[] golden = hex(
                "11",          // type MAX_STREAM_DATA
                "05",          // stream id 5
                "80040000");   // maximum 262144 bytes
        assertGolden(golden, new Frame.MaxStreamData(5, 1 << 18));
    }

    @Test
    void maxStreams() throws WireException {
        byte[] golden = hex(
                "12",    // type MAX_STREAMS
                "4080"); // maximum 128 streams
        assertGolden(golden, new Frame.MaxStreams(128));
    }

    @Test
    void dataBlocked() throws WireException {
        byte[] golden = hex(
                "14",          // type DATA_BLOCKED
                "80100000");   // limit 1048576 bytes
        assertGolden(golden, new Frame.DataBlocked(1 << 20));
    }

    @Test
    void streamDataBlocked() throws WireException {
        byte[] golden = hex(
                "15",      // type STREAM_DATA_BLOCKED
                "05",      // stream id 5
                "7fff");   // limit 16383 bytes
        assertGolden(golden, new Frame.StreamDataBlocked(5, 16383));
    }

    @Test
    void pathChallenge() throws WireException {
        byte[] golden = hex(
                "1a",                  // type PATH_CHALLENGE
                "0123456789abcdef");   // 8 bytes of data
        assertGolden(golden, new Frame.PathChallenge(0x0123456789abcdefL));
    }

    @Test
    void pathResponse() throws WireException {
        byte[] golden = hex(
                "1b",                  // type PATH_RESPONSE
                "fedcba9876543210");   // the challenge's 8 bytes, echoed
        assertGolden(golden, new Frame.PathResponse(0xfedcba9876543210L));
    }

    @Test
    void close() throws WireException {
        byte[] golden = hex(
                "1c",          // type CLOSE
                "00",          // error code 0
                "06",          // reason length 6 bytes
                "627965e282ac"); // reason "bye€" in UTF-8 (the euro sign is 3 bytes)
        assertGolden(golden, new Frame.Close(0, "bye\u20ac"));
    }

    @Test
    void ccFeedback() throws WireException {
        byte[] golden = hex(
                "20",        // type CC_FEEDBACK
                "03",        // kind 3
                "04",        // body length 4
                "00010203"); // body, opaque to the transport
        assertGolden(golden, new Frame.CcFeedback(3, bytes("00010203")));
    }

    @Test
    void datagramRunningToTheEndOfThePacket() throws WireException {
        byte[] golden = hex(
                "30",        // type DATAGRAM, no length
                "cafe");     // data, to the end of the packet
        assertGolden(golden, new Frame.Datagram(bytes("cafe"), false));
    }

    @Test
    void datagramWithLength() throws WireException {
        byte[] golden = hex(
                "31",        // type DATAGRAM with length
                "02",        // length 2
                "cafe");     // data
        assertGolden(golden, new Frame.Datagram(bytes("cafe"), true));
    }

    @Test
    void control() throws WireException {
        byte[] golden = hex(
                "4040",          // type CONTROL: 0x40 needs the two-byte varint form
                "07",            // kind 7
                "4101",          // body length 257
                counting(0, 257)); // body, defined by the traversal layer
        assertGolden(golden, new Frame.Control(7, bytes(counting(0, 257))));
    }

    @Test
    void severalFramesInOnePayloadDecodeInOrder() throws WireException {
        byte[] payload = hex(
                "01",                // PING
                "10", "25",          // MAX_DATA 37
                "31", "01", "aa",    // DATAGRAM with length, 1 byte
                "0000");             // PADDING to fill the packet
        assertThat(FrameCodec.decodeAll(payload, 0, payload.length)).containsExactly(
                new Frame.Ping(), new Frame.MaxData(37), new Frame.Datagram(bytes("aa"), true), new Frame.Padding(2));
        FrameCursor cursor = new FrameCursor(payload, 0, payload.length);
        assertThat(cursor.next()).isEqualTo(new Frame.Ping());
        assertThat(cursor.hasNext()).isTrue();
    }

    @Test
    void longerVarintFormsOfFieldsAndTheOffsetZeroFieldDecodeToTheSameValues() throws WireException {
        byte[] payload = hex(
                "01",                 // PING
                "11",                 // MAX_STREAM_DATA
                "c000000000000005",   // stream id 5, eight-byte form
                "80000025",           // maximum 37, four-byte form
                "0c",                 // STREAM | OFF
                "01",                 // stream id 1
                "00",                 // offset 0, sent anyway
                "ff");                // data
        assertThat(FrameCodec.decodeAll(payload, 0, payload.length)).containsExactly(
                new Frame.Ping(), new Frame.MaxStreamData(5, 37), new Frame.Stream(1, 0, bytes("ff"), false, false));
    }

    @Test
    void anEmptyPayloadHasNoFrames() throws WireException {
        assertThat(FrameCodec.decodeAll(new byte[0], 0, 0)).isEmpty();
    }

    @Test
    void ackElicitingFollowsRfc9002() {
        assertThat(new Frame.Ping().isAckEliciting()).isTrue();
        assertThat(new Frame.Stream(0, 0, Bytes.EMPTY, true, true).isAckEliciting()).isTrue();
        assertThat(new Frame.Ack(0, 0, 0, List.of()).isAckEliciting()).isFalse();
        assertThat(new Frame.Padding(1).isAckEliciting()).isFalse();
        assertThat(new Frame.Close(0, "").isAckEliciting()).isFalse();
    }
}
