package net.overlay.core.proto.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void tracksTheRingSizeLessOneWord() {
        ReplayWindow w = new ReplayWindow(128);
        assertThat(w.trackedPackets()).isEqualTo(64);
        w.accept(100);
        assertThat(w.check(37)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check(36)).isEqualTo(ReplayWindow.TOO_OLD);
        assertThat(w.check(100)).isEqualTo(ReplayWindow.DUPLICATE);
        assertThat(w.check(101)).isEqualTo(ReplayWindow.FRESH);
    }

    @Test
    void aJumpFarBeyondTheRingForgetsEverythingBehind() {
        ReplayWindow w = new ReplayWindow(128);
        for (long pn = 0; pn < 100; pn++) {
            w.accept(pn);
        }
        w.accept(1_000_000);
        assertThat(w.check(999_999)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check(1_000_000 - 64)).isEqualTo(ReplayWindow.TOO_OLD);
        assertThat(w.check(99)).isEqualTo(ReplayWindow.TOO_OLD);
    }

    @Test
    void aWordReusedByTheRingStartsClean() {
        ReplayWindow w = new ReplayWindow(128);
        w.accept(5);
        // 140 lands in ring word 0 again (two words); the advance must clear 5's bit, which 133 shares.
        w.accept(140);
        assertThat(w.check(133)).isEqualTo(ReplayWindow.FRESH);
        w.accept(133);
        assertThat(w.check(133)).isEqualTo(ReplayWindow.DUPLICATE);
        assertThat(w.check(134)).isEqualTo(ReplayWindow.FRESH);
    }
}
