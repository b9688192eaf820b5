package net.overlay.core.proto.media;

/** A constant bitrate that ignores the fill (see {@link BitrateController#fixed}). Immutable. */
final class FixedBitrate implements BitrateController {
    private final long bitsPerSec;

    FixedBitrate(long bitsPerSec) {
        if (bitsPerSec <= 0) {
            throw new IllegalArgumentException("bitrate must be positive: " + bitsPerSec);
        }
        this.bitsPerSec = bitsPerSec;
    }

    @Override
    public String name() {
        return "fixed-" + bitsPerSec / 1000 + "k";
    }

    @Override
    public void onFrame(long nowNs, SendBufferFill fill) {
        // Fixed: the fill changes nothing.
    }

    @Override
    public long bitrateBitsPerSec() {
        return bitsPerSec;
    }
}
