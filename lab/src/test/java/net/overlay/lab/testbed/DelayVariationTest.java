package net.overlay.lab.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The delay line's jitter and reordering without a TUN (no root): the schedule it draws, its
 * command line, its counters' text form, and the plan of a site whose line only jitters.
 */
class DelayVariationTest {
    private static final long MS = 1_000_000L;

    @Test
    void aConstantDelayDuesEveryPacketExactlyThatLaterSoOrderIsKept() {
        DelaySchedule s = new DelaySchedule(5, DelayVariation.NONE);
        assertThat(s.dueNs(1_000)).isEqualTo(1_000 + 5 * MS);
        assertThat(s.dueNs(2_000)).isEqualTo(2_000 + 5 * MS);
    }

    @Test
    void jitterStaysWithinBaseToBasePlusJitterAndLetsLaterPacketsBeDueFirst() {
        DelaySchedule s = new DelaySchedule(5, DelayVariation.jitter(10, 42));
        List<Long> due = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long now = i * 100_000L; // a packet every 0.1 ms
            long d = s.dueNs(now);
            assertThat(d - now).isBetween(5 * MS, 15 * MS);
            due.add(d);
        }
        assertThat(inversions(due)).as("packets due before one read earlier").isGreaterThan(1_000);
        assertThat(due.stream().mapToLong(Long::longValue).max().orElseThrow() - 9_999 * 100_000L)
                .as("some draw near the top").isGreaterThan(14 * MS);
    }

    @Test
    void jitterWithKeepOrderNeverDuesAPacketBeforeTheOneReadBeforeIt() {
        DelaySchedule s = new DelaySchedule(5, new DelayVariation(10, true, 0, 0, 42));
        List<Long> due = new ArrayList<>();
        long longestHoldNs = 0;
        for (int i = 0; i < 10_000; i++) {
            long d = s.dueNs(i * 100_000L);
            due.add(d);
            longestHoldNs = Math.max(longestHoldNs, d - i * 100_000L);
        }
        assertThat(inversions(due)).isZero();
        assertThat(longestHoldNs).as("the jitter still varies the delay").isGreaterThan(14 * MS);
    }

    @Test
    void theReorderModeHoldsBackAboutItsShareByExactlyTheGap() {
        DelaySchedule s = new DelaySchedule(2, new DelayVariation(0, false, 10, 7, 3));
        int held = 0;
        for (int i = 0; i < 10_000; i++) {
            long extra = s.dueNs(0) - 2 * MS;
            assertThat(extra).isIn(0L, 7 * MS);
            held += extra > 0 ? 1 : 0;
        }
        assertThat(held).as("held back, of 10,000 at 10 %").isBetween(800, 1_200);
    }

    @Test
    void theSameSeedDrawsTheSameSchedule() {
        DelaySchedule one = new DelaySchedule(5, DelayVariation.jitter(10, 7));
        DelaySchedule two = new DelaySchedule(5, DelayVariation.jitter(10, 7));
        for (int i = 0; i < 100; i++) {
            assertThat(one.dueNs(i)).isEqualTo(two.dueNs(i));
        }
    }

    @Test
    void theCommandLineTheControlBuildsParsesBackToTheSameLine() {
        DelayVariation v = new DelayVariation(0, false, 25, 12, 9);
        List<String> argv = DelayLine.Options.argv("dly-a", 5, v, Path.of("/tmp/x.stats"));
        DelayLine.Options o = DelayLine.Options.parse(argv.toArray(String[]::new));
        assertThat(o).isEqualTo(new DelayLine.Options("dly-a", 5, v, Path.of("/tmp/x.stats")));
        DelayVariation keep = new DelayVariation(8, true, 0, 0, 1);
        assertThat(DelayLine.Options.parse(DelayLine.Options.argv("dly-b", 0, keep, Path.of("s"))
                .toArray(String[]::new)).variation()).isEqualTo(keep);
    }

    @Test
    void aBadDelayLineCommandLineIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> DelayLine.Options.parse(new String[] {"dly-a"})).hasMessageContaining("usage");
        assertThatThrownBy(() -> DelayLine.Options.parse(new String[] {"dly-a", "5", "--jitter"}))
                .hasMessageContaining("--jitter needs a value");
        assertThatThrownBy(() -> DelayLine.Options.parse(new String[] {"dly-a", "5", "--wobble", "1"}))
                .hasMessageContaining("unknown option --wobble");
        assertThatThrownBy(() -> DelayLine.Options.parse(new String[] {"dly-a", "-1"}))
                .hasMessageContaining("delay must be");
        assertThatThrownBy(() -> DelayLine.Options.parse(new String[] {"dly-a", "5", "--jitter", "x"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badVariationsAreRefusedWithTheRange() {
        assertThatThrownBy(() -> DelayVariation.jitter(-1, 1)).hasMessageContaining("jitter must be 0..10000 ms");
        assertThatThrownBy(() -> new DelayVariation(0, false, 101, 5, 1)).hasMessageContaining("0..100 percent");
        assertThatThrownBy(() -> new DelayVariation(0, false, 5, 0, 1)).hasMessageContaining("needs a gap");
        assertThatThrownBy(() -> new DelayVariation(0, true, 5, 5, 1)).hasMessageContaining("cannot keep order");
    }

    @Test
    void theStatsLineReadsBackAndGarbageReadsAsNothing() {
        DelayLineStats st = new DelayLineStats(1_000, 37, 2);
        assertThat(DelayLineStats.parse(st.line() + "\n")).contains(st);
        assertThat(st.reorderedPercent()).isEqualTo(3.7);
        assertThat(DelayLineStats.parse("")).isEmpty();
        assertThat(DelayLineStats.parse("passed=1 reordered=")).isEmpty();
        assertThat(DelayLineStats.parse("passed=99999999999999999999 reordered=1 dropped=0")).isEmpty();
    }

    @Test
    void aSiteWithJitterButNoConstantDelayStillDetoursThroughItsLine() {
        Site a = new Site("a", NatMode.MASQUERADE, 0, 0, 0, DelayVariation.jitter(10, 1));
        assertThat(a.hasDelayLine()).isTrue();
        assertThat(Site.plain("b").hasDelayLine()).isFalse();
        Testbed tb = new Testbed("ovl", List.of(a, Site.plain("b")));
        assertThat(tb.configuration()).anySatisfy(c -> assertThat(c.argv())
                .containsSequence("ovl-r1", "tuntap", "add", "dev", "dly-a"));
    }

    /** Entries smaller than an entry before them: packets that would leave after one read later. */
    private static int inversions(List<Long> due) {
        int count = 0;
        long max = Long.MIN_VALUE;
        for (long d : due) {
            if (d < max) {
                count++;
            } else {
                max = d;
            }
        }
        return count;
    }
}
