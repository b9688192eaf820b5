package net.overlay.core.proto.media;

/**
 * Chooses the encoder's bitrate from the media sender's send-buffer fill. The application calls
 * {@link #onFrame} once per captured frame, before encoding it, with {@link MediaSender#fill},
 * then encodes the frame at {@link #bitrateBitsPerSec()}. Implementations are sans-IO and
 * single-threaded.
 */
public interface BitrateController {

    /** A short name for tables and charts, e.g. {@code fixed-2000k}, {@code adaptive}. */
    String name();

    /** Sees the fill at the capture of a frame and may change the bitrate. */
    void onFrame(long nowNs, SendBufferFill fill);

    /** The bitrate the next frame is to be encoded at. */
    long bitrateBitsPerSec();

    /** A constant bitrate, whatever the fill: the baseline adaptive bitrate is compared against. */
    static BitrateController fixed(long bitsPerSec) {
        return new FixedBitrate(bitsPerSec);
    }
}
