package net.overlay.lab.testbed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import net.overlay.lab.soak.HeapSampler;
import net.overlay.lab.soak.SoakRun;
import net.overlay.lab.testbed.DelayVariation;
import net.overlay.lab.testbed.TestbedControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #9's soak in its short CI form: {@code ./overlay soak} for 40 s with 1 % loss each way on
 * both sites' links and a 5 ms delay line with 0..10 ms jitter on each, which reorders packets, at
 * the soak's default rate (docs/hardening.md has the 10-minute run). Every byte must come back
 * intact, the echo must keep pace, the delay lines must have reordered packets, and no agent's live
 * heap may grow by more than a bound. Root only;
 * skips plainly otherwise.
 */
class SoakShortTest {
    private static final long SECONDS = 40;
    private static final long RATE_BYTES_PER_SECOND = SoakRun.Config.DEFAULT_RATE_BYTES_PER_SECOND;
    /**
     * Our bound on the drain after the writing stops: a tunnel that keeps pace with the rate drains
     * in seconds (2 s measured at 50 kB/s); one that fell behind takes its backlog's worth longer.
     */
    private static final long DRAIN_BOUND_SECONDS = 30;
    /**
     * Our bound on live-heap growth over the short run: far above the noise seen (under 2 MiB of
     * swing after a full GC) and far below what a per-packet leak at this rate would hold.
     */
    private static final long HEAP_GROWTH_BOUND_KIB = 16 * 1024;

    @TempDir
    Path work;

    private String prefix;

    @AfterEach
    void noNamespaceLeft() {
        if (prefix != null) {
            assertThat(TestbedControl.namespaces(prefix)).as("namespaces left after the soak").isEmpty();
        }
    }

    @Test
    void fortySecondsOfEchoThroughLossyReorderingLinksComeBackByteForByteWithFlatHeaps() throws IOException {
        ItSupport.assumeTestbed();
        prefix = ItSupport.newPrefix();
        PrintWriter out = new PrintWriter(System.out, true);
        SoakRun.Report r = SoakRun.run(new SoakRun.Config(prefix, SECONDS, 1, 5,
                DelayVariation.jitter(SoakRun.Config.DEFAULT_JITTER_MS, 1), RATE_BYTES_PER_SECOND, 10), work, out);
        r.print(out);
        assertThat(r.pump().intact()).as("pump: " + r.pump()).isTrue();
        // Both lines ran, and the jitter really reordered packets: without this the soak could pass on ordered links.
        assertThat(r.delayLines()).as("delay line counters").containsOnlyKeys("a", "b");
        assertThat(r.reorderedPackets()).as("packets the delay lines reordered: " + r.delayLines()).isPositive();
        assertThat(r.ok()).isTrue();
        assertThat(r.pump().sentBytes()).isGreaterThan(SECONDS * RATE_BYTES_PER_SECOND * 9 / 10);
        assertThat(r.pump().seconds()).as("writing plus draining, s: the echo kept pace")
                .isLessThan(SECONDS + DRAIN_BOUND_SECONDS);
        for (HeapSampler h : r.heaps()) {
            assertThat(h.samples()).as(h.name() + " heap samples").hasSizeGreaterThanOrEqualTo(3);
            long first = h.samples().getFirst().usedKib();
            long last = h.samples().getLast().usedKib();
            assertThat(last - first).as(h.name() + " live heap growth, KiB: " + h.samples())
                    .isLessThan(HEAP_GROWTH_BOUND_KIB);
        }
    }
}
