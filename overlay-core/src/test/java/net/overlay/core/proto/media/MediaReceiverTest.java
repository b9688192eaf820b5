package net.overlay.core.proto.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MediaReceiverTest {
    private static final long MS = 1_000_000L;
    private final MediaConfig config = MediaConfig.DEFAULTS;
    private final MediaReceiver rx = new MediaReceiver(config);

    /** Fragment {@code index} of frame {@code id}: {@code count} fragments of 10 bytes, each byte its index. */
    private static byte[] fragment(long id, int index, int count, long captureNs) {
        byte[] b = new byte[MediaFragment.HEADER_BYTES + 10];
        MediaFragment.encodeHeader(b, 0, id, index, count, id % 50 == 0, captureNs);
        java.util.Arrays.fill(b, MediaFragment.HEADER_BYTES, b.length, (byte) index);
        return b;
    }

    private void give(long nowNs, byte[] d) {
        rx.handleDatagram(nowNs, d, 0, d.length);
    }

    private List<MediaEvent> events() {
        List<MediaEvent> out = new ArrayList<>();
        for (MediaEvent e; (e = rx.pollEvent()) != null; ) {
            out.add(e);
        }
        return out;
    }

    @Test
    void reassemblesFragmentsInAnyOrderAndReportsTheDelayFromCapture() {
        give(50 * MS, fragment(0, 2, 3, 10 * MS));
        give(51 * MS, fragment(0, 0, 3, 10 * MS));
        assertThat(events()).isEmpty();
        give(62 * MS, fragment(0, 1, 3, 10 * MS));
        List<MediaEvent> e = events();
        assertThat(e).hasSize(1);
        var got = (MediaEvent.FrameReceived) e.getFirst();
        assertThat(got.frameId()).isZero();
        assertThat(got.keyframe()).isTrue();
        assertThat(got.delayNs()).isEqualTo(52 * MS);
        byte[] data = got.data().toArray();
        assertThat(data).hasSize(30);
        assertThat(data[0]).isEqualTo((byte) 0);
        assertThat(data[10]).isEqualTo((byte) 1);
        assertThat(data[29]).isEqualTo((byte) 2);
        assertThat(rx.bufferedBytes()).isZero();
        assertThat(rx.pollTimeoutNs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anIncompleteFrameIsLostAtItsDeadlineAndAMissingOneAfterALaterFrameShowedTheGap() {
        give(0, fragment(0, 0, 2, 0));
        give(10 * MS, fragment(2, 0, 1, 5 * MS)); // frame 1 never comes
        assertThat(events()).singleElement().isInstanceOf(MediaEvent.FrameReceived.class);
        assertThat(rx.pollTimeoutNs()).isEqualTo(config.reassemblyTimeoutNs());
        rx.handleTimeout(config.reassemblyTimeoutNs());
        assertThat(events()).containsExactly(new MediaEvent.FrameLost(0, 1, 2));
        rx.handleTimeout(10 * MS + config.reassemblyTimeoutNs());
        assertThat(events()).containsExactly(new MediaEvent.FrameLost(1, 0, 0));
        assertThat(rx.framesLost()).isEqualTo(2);
        assertThat(rx.framesReceived()).isEqualTo(1);
        assertThat(rx.bufferedBytes()).isZero();
        give(600 * MS, fragment(0, 1, 2, 0));
        assertThat(rx.fragmentsLate()).isEqualTo(1);
        assertThat(events()).isEmpty();
    }

    @Test
    void duplicatesAndFragmentsThatContradictTheirFrameAreCountedNotStored() {
        give(0, fragment(7, 0, 3, 0));
        give(1, fragment(7, 0, 3, 0));
        give(2, fragment(7, 1, 4, 0)); // another count
        give(3, fragment(7, 1, 3, 99)); // another capture time
        assertThat(rx.fragmentsDuplicate()).isEqualTo(1);
        assertThat(rx.fragmentsInconsistent()).isEqualTo(2);
        assertThat(rx.fragmentsReceived()).isEqualTo(1);
        assertThat(rx.bufferedBytes()).isEqualTo(10);
    }

    @Test
    void aJumpBeyondTheWindowLosesTheUnfinishedFramesAndSkipsTheUnseenOnesInOneEvent() {
        give(0, fragment(0, 0, 2, 0));
        long far = 1_000_000;
        give(MS, fragment(far, 0, 1, MS));
        List<MediaEvent> e = events();
        assertThat(e).contains(new MediaEvent.FrameLost(0, 1, 2));
        assertThat(e).anySatisfy(ev -> assertThat(ev).isInstanceOfSatisfying(MediaEvent.FramesSkipped.class,
                s -> assertThat(s.firstFrameId() + s.count()).isEqualTo(far - config.windowFrames() + 1)));
        assertThat(e.getLast()).isInstanceOf(MediaEvent.FrameReceived.class);
        assertThat(rx.bufferedBytes()).isZero();
        // The frames between the new window's start and the jump are pending; all end as lost.
        rx.handleTimeout(MS + config.reassemblyTimeoutNs());
        assertThat(rx.framesLost() + rx.framesReceived()).isEqualTo(far + 1);
    }

    @Test
    void frameIdsWrapAroundThirtyTwoBits() {
        long last = 0xFFFF_FFFFL;
        give(0, fragment(last, 0, 1, 0));
        give(MS, fragment(0, 0, 1, MS)); // frame 2^32 on the wire as 0
        List<MediaEvent> e = events();
        assertThat(e).hasSize(2).allSatisfy(ev -> assertThat(ev).isInstanceOf(MediaEvent.FrameReceived.class));
        assertThat(((MediaEvent.FrameReceived) e.get(1)).frameId()).isEqualTo(1L << 32);
    }

    @Test
    void theBufferBudgetCapsWhatIncompleteFramesHold() {
        var small = new MediaReceiver(new MediaConfig(100, 16, MS, MS, 16, 1024, 100));
        for (int i = 0; i < 20; i++) {
            byte[] d = fragment(i, 0, 2, 0);
            small.handleDatagram(0, d, 0, d.length);
        }
        assertThat(small.bufferedBytes()).isLessThanOrEqualTo(100);
        assertThat(small.fragmentsOverBudget()).isPositive();
    }

    @Test
    void randomAndMutatedDatagramsAreCountedDropsAndNeverBreakTheBounds() {
        var random = new SplittableRandom(42);
        long total = 0;
        long nowNs = 0;
        for (int i = 0; i < 200_000; i++) {
            nowNs += random.nextLong(2 * MS);
            byte[] d;
            if (random.nextBoolean()) {
                d = new byte[random.nextInt(40)];
                random.nextBytes(d);
            } else {
                // A valid fragment with a few bytes changed: the ids and counts go anywhere.
                d = fragment(random.nextLong(400), random.nextInt(3), 3, random.nextLong(4) * MS);
                for (int k = random.nextInt(3); k > 0; k--) {
                    d[random.nextInt(MediaFragment.HEADER_BYTES)] = (byte) random.nextInt(256);
                }
            }
            rx.handleDatagram(nowNs, d, 0, d.length);
            total++;
            if (random.nextInt(16) == 0) {
                rx.handleTimeout(nowNs);
            }
            while (rx.pollEvent() != null) {
                // drained: only the bounds matter here
            }
            assertThat(rx.bufferedBytes()).isBetween(0L, config.maxBufferedBytes());
        }
        assertThat(rx.fragmentsReceived() + rx.fragmentsMalformed() + rx.fragmentsInconsistent()
                + rx.fragmentsDuplicate() + rx.fragmentsLate() + rx.fragmentsOverBudget()).isEqualTo(total);
        assertThat(rx.fragmentsMalformed()).isPositive();
    }
}
