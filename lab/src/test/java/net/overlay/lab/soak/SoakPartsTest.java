package net.overlay.lab.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.regex.Matcher;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The soak's pure parts: the byte pattern, the pump's result line, the heap slope. No root needed. */
class SoakPartsTest {
    @Property(tries = 200)
    void thePatternIsTheSameHoweverTheStreamIsCut(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5000) int cut) {
        StreamPattern p = new StreamPattern(seed);
        byte[] whole = new byte[6000];
        p.fill(0, whole, whole.length);
        byte[] tail = new byte[whole.length - cut];
        System.arraycopy(whole, cut, tail, 0, tail.length);
        assertThat(p.firstMismatch(cut, tail, tail.length)).isEqualTo(-1);
    }

    @Test
    void aChangedByteIsFoundAtItsOffset() {
        StreamPattern p = new StreamPattern(42);
        byte[] buf = new byte[4096];
        p.fill(1000, buf, buf.length);
        buf[1234] ^= 1;
        assertThat(p.firstMismatch(1000, buf, buf.length)).isEqualTo(1234);
    }

    @Test
    void aShiftedStreamDoesNotPassForTheOriginal() {
        StreamPattern p = new StreamPattern(7);
        byte[] buf = new byte[64];
        p.fill(1, buf, buf.length);
        assertThat(p.firstMismatch(0, buf, buf.length)).isNotEqualTo(-1);
    }

    @Test
    void thePumpsDoneLineIsReadBack() {
        String line = "pump done seconds=41.5 sent=8000000 received=8000000 mismatches=0 max-stall-ms=230 "
                + "stall-end-s=12.0 sha256-sent=ab sha256-received=ab error=none result=ok";
        Matcher m = PumpResult.donePattern().matcher(line);
        assertThat(m.find()).isTrue();
        PumpResult r = PumpResult.parse(m);
        assertThat(r.intact()).isTrue();
        assertThat(r.maxStallMs()).isEqualTo(230);
    }

    @Test
    void aShortOrFailedRunIsNotIntact() {
        String line = "pump done seconds=41.5 sent=8000000 received=7000000 mismatches=0 max-stall-ms=230 "
                + "stall-end-s=12.0 sha256-sent=ab sha256-received=cd error=the_echo_ended_early result=FAILED";
        Matcher m = PumpResult.donePattern().matcher(line);
        assertThat(m.find()).isTrue();
        PumpResult r = PumpResult.parse(m);
        assertThat(r.intact()).isFalse();
        assertThat(r.error()).isEqualTo("the echo ended early");
    }

    @Test
    void theHeapSlopeIsKibPerMinute() {
        List<HeapSampler.Sample> growing = List.of(new HeapSampler.Sample(0, 1000), new HeapSampler.Sample(30, 1500),
                new HeapSampler.Sample(60, 2000));
        assertThat(HeapSampler.slopeKibPerMinute(growing)).isCloseTo(1000, within(1e-6));
        assertThat(HeapSampler.slopeKibPerMinute(List.of(new HeapSampler.Sample(0, 5)))).isZero();
    }
}
