package net.overlay.lab.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeapFitTest {
    @Test
    void beforeAnyMeasurementTheFirstGuessWithHeadroomIsAsked() {
        assertThat(HeapFit.neededBytes(1_000_000, List.of()))
                .isEqualTo((long) (1_000_000 * HeapFit.FIRST_GUESS_BYTES * HeapFit.HEADROOM));
    }

    @Test
    void aMillionDevicesDoNotFitTheLaunchersDefaultHeapAndTheReasonSaysWhatToDo() {
        long need = HeapFit.neededBytes(1_000_000, List.of());
        long defaultHeap = 6_300_000_000L; // a quarter of this 24 GiB machine
        assertThat(need).isGreaterThan(defaultHeap);
        assertThat(HeapFit.skipReason(1_000_000, need, defaultHeap))
                .startsWith("1,000,000 devices skipped")
                .contains("6.3 GB")
                .contains("OVERLAY_JAVA_OPTS=-Xmx15g");
    }

    @Test
    void smallSizesFitEasily() {
        assertThat(HeapFit.neededBytes(10_000, List.of())).isLessThan(200_000_000L);
    }
}
