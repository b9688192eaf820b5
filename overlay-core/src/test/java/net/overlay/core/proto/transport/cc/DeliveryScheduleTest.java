package net.overlay.core.proto.transport.cc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.overlay.core.netsim.DeliverySchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryScheduleTest {
    private static final long MS = 1_000_000L;

    @Test
    void aConstantRateSpacesPacketsByTheirTransmissionTime() {
        var s = DeliverySchedule.constant(12e6); // 1500 bytes every 1 ms
        assertThat(s.next(0)).isEqualTo(0);
        assertThat(s.next(0)).isEqualTo(MS);
        assertThat(s.next(10 * MS)).isEqualTo(10 * MS);
    }

    @Test
    void aZeroRateStepIsAnOutageUntilTheNextStep() {
        var s = DeliverySchedule.steps(new long[] {0, 5 * MS, 9 * MS}, new double[] {12e6, 0, 12e6});
        assertThat(s.next(6 * MS)).isEqualTo(9 * MS);
    }

    @Test
    void aTraceGivesEachOpportunityOnceAndRepeats(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.up");
        Files.writeString(file, "0\n0\n3\n\n10\n");
        var s = DeliverySchedule.trace(DeliverySchedule.readMahimahi(file));
        assertThat(s.next(0)).isEqualTo(0);
        assertThat(s.next(0)).isEqualTo(0);
        assertThat(s.next(0)).isEqualTo(3 * MS);
        assertThat(s.next(4 * MS)).isEqualTo(10 * MS);
        // The period is the last timestamp: the trace starts again at 10 ms, with its two 0s.
        assertThat(s.next(10 * MS)).isEqualTo(10 * MS);
        assertThat(s.next(10 * MS)).isEqualTo(10 * MS);
        assertThat(s.next(10 * MS)).isEqualTo(13 * MS);
        assertThat(s.next(1000 * MS + 1)).isEqualTo(1003 * MS);
    }

    @Test
    void aTraceWhoseTimestampsDecreaseIsRejectedWithItsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad");
        Files.writeString(file, "5\n3\n");
        assertThatThrownBy(() -> DeliverySchedule.readMahimahi(file)).hasMessageContaining("line 2");
    }

    @Test
    void theSyntheticTraceIsRepeatableAndNearItsMeanRate() {
        int[] a = DeliverySchedule.synthetic(3, 60_000, 500, 1000, 200);
        assertThat(DeliverySchedule.synthetic(3, 60_000, 500, 1000, 200)).isEqualTo(a);
        double pps = a.length / 60.0;
        assertThat(pps).isBetween(300.0, 650.0);
    }
}
