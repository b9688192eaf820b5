package net.overlay.core.proto.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueDelayBitrateTest {
    private static final long MS = 1_000_000L;
    private static final long FRAME_NS = 40 * MS;
    private final QueueDelayBitrate.Config config = QueueDelayBitrate.Config.DEFAULTS;
    private final QueueDelayBitrate c = new QueueDelayBitrate(config);

    private static SendBufferFill empty(long drained) {
        return new SendBufferFill(0, 0, 0, drained);
    }

    @Test
    void anEmptyBufferRaisesTheBitrateAdditivelyUpToTheMaximum() {
        for (int i = 0; i <= 25; i++) {
            c.onFrame(i * FRAME_NS, empty(0));
        }
        // One second of empty buffer: start + increase per second.
        assertThat(c.bitrateBitsPerSec()).isEqualTo(config.startBitsPerSec() + config.increaseBitsPerSecPerSec());
        for (int i = 26; i < 25 * 60; i++) {
            c.onFrame(i * FRAME_NS, empty(0));
        }
        assertThat(c.bitrateBitsPerSec()).isEqualTo(config.maxBitsPerSec());
    }

    @Test
    void aYoungQueueHoldsTheBitrate() {
        c.onFrame(0, empty(0));
        c.onFrame(FRAME_NS, new SendBufferFill(5000, 1, config.targetQueueDelayNs(), 0));
        assertThat(c.bitrateBitsPerSec()).isEqualTo(config.startBitsPerSec());
    }

    @Test
    void anOldQueueCutsTowardsTheDrainedRateOncePerHold() {
        var fast = new QueueDelayBitrate(new QueueDelayBitrate.Config(4_000_000, 100_000, 6_000_000,
                120 * MS, 400_000, 0.85, 400 * MS, 500 * MS));
        long drained = 0;
        // The buffer drains at 1 Mbit/s (5000 bytes per 40 ms) while it ages past the target.
        for (int i = 0; i <= 15; i++) {
            fast.onFrame(i * FRAME_NS, new SendBufferFill(100_000, 5, i * FRAME_NS, drained));
            drained += 5000;
        }
        // The first decrease came before the drain window filled (0.85 x 4 Mbit/s), the second
        // after the hold, from the drained 1 Mbit/s.
        assertThat(fast.bitrateBitsPerSec()).isBetween(800_000L, 900_000L);
        long now = fast.bitrateBitsPerSec();
        fast.onFrame(16 * FRAME_NS, new SendBufferFill(100_000, 5, 16 * FRAME_NS, drained));
        assertThat(fast.bitrateBitsPerSec()).as("held").isEqualTo(now);
    }

    @Test
    void anOutageDrivesTheBitrateToTheFloor() {
        for (int i = 0; i < 100; i++) {
            c.onFrame(i * FRAME_NS, new SendBufferFill(1_000_000, 20, 1000 * MS, 0));
        }
        assertThat(c.bitrateBitsPerSec()).isEqualTo(config.minBitsPerSec());
    }

    @Test
    void aFixedBitrateIgnoresTheFill() {
        BitrateController fixed = BitrateController.fixed(2_000_000);
        fixed.onFrame(0, new SendBufferFill(1 << 20, 30, 5000 * MS, 0));
        assertThat(fixed.bitrateBitsPerSec()).isEqualTo(2_000_000);
        assertThat(fixed.name()).isEqualTo("fixed-2000k");
    }
}
