package net.overlay.core.proto.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.overlay.core.proto.transport.TransportException.Code;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCodec;
import net.overlay.core.proto.wire.WireException;
import org.junit.jupiter.api.Test;

/** Frames that break flow control, stream state or final size give the error type, never anything else. */
class TransportHostileInputTest {
    private static final TransportConfig SMALL = TransportConfig.DEFAULTS.withWindows(64 * 1024, 100 * 1024).withMaxStreams(4);

    private final Transport server = new Transport(SMALL, AimdController.withDefaults(), null, false);
    private long pn;

    private void feed(Frame... frames) throws WireException, TransportException {
        int len = 0;
        for (Frame f : frames) {
            len += FrameCodec.encodedLength(f);
        }
        byte[] buf = new byte[len];
        int pos = 0;
        for (Frame f : frames) {
            pos = FrameCodec.encode(f, buf, pos);
        }
        server.handlePacket(0, pn++, buf, 0, len);
    }

    private static Frame.Stream data(long id, long offset, int len, boolean fin) {
        return new Frame.Stream(id, offset, Bytes.of(new byte[len]), fin, true);
    }

    private void assertRefused(Code code, Frame... frames) {
        assertThatThrownBy(() -> feed(frames)).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void dataPastTheStreamWindowIsAFlowControlError() {
        assertRefused(Code.FLOW_CONTROL_ERROR, data(0, 64 * 1024 - 10, 11, false));
    }

    @Test
    void dataExactlyUpToTheStreamWindowIsAccepted() throws Exception {
        feed(data(0, 64 * 1024 - 10, 10, false));
        assertThat(server.receiveBufferedBytes(0)).isEqualTo(10);
    }

    @Test
    void dataPastTheConnectionWindowOverSeveralStreamsIsAFlowControlError() throws Exception {
        feed(data(0, 0, 60_000, false));
        assertRefused(Code.FLOW_CONTROL_ERROR, data(2, 0, 50_000, false));
    }

    @Test
    void aResetWhoseFinalSizeExceedsTheWindowIsAFlowControlError() {
        assertRefused(Code.FLOW_CONTROL_ERROR, new Frame.ResetStream(0, 1, 1_000_000));
    }

    @Test
    void aFrameForOurOwnStreamThatWasNeverOpenedIsAStreamStateError() {
        assertRefused(Code.STREAM_STATE_ERROR, data(1, 0, 1, false));
        assertRefused(Code.STREAM_STATE_ERROR, new Frame.MaxStreamData(3, 100));
        assertRefused(Code.STREAM_STATE_ERROR, new Frame.StopSending(5, 1));
    }

    @Test
    void aPeerStreamBeyondTheStreamLimitIsAStreamLimitError() {
        assertRefused(Code.STREAM_LIMIT_ERROR, data(8, 0, 1, false));
    }

    @Test
    void dataPastAKnownFinalSizeIsAFinalSizeError() throws Exception {
        feed(data(0, 0, 10, true));
        assertRefused(Code.FINAL_SIZE_ERROR, data(0, 10, 5, false));
    }

    @Test
    void aSecondFinAtAnotherSizeIsAFinalSizeError() throws Exception {
        feed(data(0, 0, 10, true));
        assertRefused(Code.FINAL_SIZE_ERROR, data(0, 0, 12, true));
    }

    @Test
    void aFinBelowDataAlreadyReceivedIsAFinalSizeError() throws Exception {
        feed(data(0, 0, 10, false));
        assertRefused(Code.FINAL_SIZE_ERROR, data(0, 0, 5, true));
    }

    @Test
    void aResetAtAnotherFinalSizeIsAFinalSizeError() throws Exception {
        feed(data(0, 0, 10, true));
        assertRefused(Code.FINAL_SIZE_ERROR, new Frame.ResetStream(0, 1, 11));
    }

    @Test
    void theSameFinRepeatedAndOverlappingDataAreFine() throws Exception {
        feed(data(0, 0, 10, true));
        feed(data(0, 0, 10, true), data(0, 3, 4, false));
        assertThat(server.read(0, new byte[20], 0, 20)).isEqualTo(10);
        assertThat(server.read(0, new byte[20], 0, 20)).isEqualTo(-1);
    }

    @Test
    void acknowledgingAPacketNeverSentIsAProtocolViolation() {
        assertRefused(Code.PROTOCOL_VIOLATION, new Frame.Ack(0, 0, 0, List.of()));
    }

    @Test
    void aTruncatedStreamFrameIsAWireError() {
        byte[] buf = {0x0a, 0x00, 0x05, 1, 2};
        assertThatThrownBy(() -> server.handlePacket(0, 0, buf, 0, buf.length)).isInstanceOfSatisfying(
                WireException.class, e -> assertThat(e.reason()).isEqualTo(WireException.Reason.TRUNCATED));
    }

    @Test
    void aStreamFrameReaching2To62IsAWireError() {
        byte[] buf = {0x0e, 0x00, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, 0x01, 0x00};
        assertThatThrownBy(() -> server.handlePacket(0, 0, buf, 0, buf.length)).isInstanceOfSatisfying(
                WireException.class, e -> assertThat(e.reason()).isEqualTo(WireException.Reason.STREAM_OFFSET_OVERFLOW));
    }

    @Test
    void aDuplicatePacketNumberIsIgnored() throws Exception {
        feed(data(0, 0, 10, false));
        pn--;
        feed(data(0, 0, 20, false));
        assertThat(server.duplicatePacketsReceived()).isEqualTo(1);
        assertThat(server.readableBytes(0)).isEqualTo(10);
    }
}
