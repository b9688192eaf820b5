package net.overlay.core.proto.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.overlay.core.proto.crypto.CipherSuite;

class ReplayWindowPropertiesTest {

    /**
     * Any arrival order of a burst that fits the window, with any duplicates mixed in: through the
     * real sealer and opener, each packet is accepted exactly once and every repeat is a duplicate.
     */
    @Property(tries = 60)
    void everyPacketIsAcceptedExactlyOnceWhateverTheArrivalOrder(@ForAll("arrivals") List<Integer> arrivals,
            @ForAll CipherSuite suite) throws Exception {
        int packets = arrivals.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        byte[] k1 = new byte[32];
        byte[] k2 = new byte[32];
        Arrays.fill(k2, (byte) 7);
        SessionCrypto a = SessionCrypto.create(suite, k1, k2, 1, 2, SessionConfig.DEFAULT);
        SessionCrypto b = SessionCrypto.create(suite, k2, k1, 2, 1, SessionConfig.DEFAULT);
        byte[][] datagrams = new byte[packets][];
        for (int i = 0; i < packets; i++) {
            byte[] payload = ("packet " + i).getBytes();
            datagrams[i] = new byte[payload.length + SessionConstants.OVERHEAD_BYTES];
            a.sealer().seal(payload, 0, payload.length, datagrams[i], 0);
        }
        Set<Integer> seen = new HashSet<>();
        byte[] out = new byte[64];
        for (int i : arrivals) {
            OpenStatus status = b.opener().open(datagrams[i], 0, datagrams[i].length, out, 0);
            assertThat(status).isEqualTo(seen.add(i) ? OpenStatus.ACCEPTED : OpenStatus.DUPLICATE);
            if (status == OpenStatus.ACCEPTED) {
                assertThat(new String(out, 0, b.opener().lastPlaintextBytes())).isEqualTo("packet " + i);
            }
        }
        assertThat(b.opener().count(OpenStatus.ACCEPTED)).isEqualTo(seen.size());
        assertThat(b.opener().count(OpenStatus.DUPLICATE)).isEqualTo(arrivals.size() - seen.size());
    }

    @Provide
    Arbitrary<List<Integer>> arrivals() {
        return Arbitraries.integers().between(1, 400).flatMap(n -> {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            Arbitrary<List<Integer>> repeats = Arbitraries.integers().between(0, n - 1).list().ofMaxSize(n / 4 + 1);
            return Arbitraries.shuffle(all).flatMap(order -> repeats.map(extra -> {
                List<Integer> mixed = new ArrayList<>(order);
                for (int j = 0; j < extra.size(); j++) {
                    mixed.add((extra.get(j) * 31 + j) % mixed.size(), extra.get(j));
                }
                return mixed;
            }));
        });
    }

    /**
     * The bitmap ring agrees with the obvious model (a set of everything seen, and "too old" as
     * more than the tracked span behind the highest) on long runs with jumps, for a small ring
     * that wraps often.
     */
    @Property(tries = 300)
    void theRingAgreesWithASetModel(@ForAll("packetNumbers") List<Long> numbers,
            @ForAll @IntRange(min = 7, max = 9) int log2Size) {
        ReplayWindow window = new ReplayWindow(1 << log2Size);
        Set<Long> seen = new HashSet<>();
        long highest = -1;
        for (long pn : numbers) {
            int expected = pn <= highest && highest - pn >= window.trackedPackets() ? ReplayWindow.TOO_OLD
                    : seen.contains(pn) ? ReplayWindow.DUPLICATE : ReplayWindow.FRESH;
            assertThat(window.check(pn)).as("packet %d after highest %d", pn, highest).isEqualTo(expected);
            if (expected == ReplayWindow.FRESH) {
                window.accept(pn);
                seen.add(pn);
                highest = Math.max(highest, pn);
            }
        }
        assertThat(window.highest()).isEqualTo(highest);
    }

    /**
     * A window keeps no ring while packets come in order (0, 1, 2, ...) and makes it at the first
     * gap: whatever the length of the in-order run before the gap (shorter or longer than the
     * tracked span), it then answers as the set model does.
     */
    @Property(tries = 200)
    void aWindowThatStartsWithoutARingAgreesWithTheModelAfterItsFirstGap(
            @ForAll @IntRange(min = 0, max = 1200) int inOrder, @ForAll("packetNumbers") List<Long> afterwards,
            @ForAll @IntRange(min = 7, max = 9) int log2Size) {
        ReplayWindow window = new ReplayWindow(1 << log2Size);
        Set<Long> seen = new HashSet<>();
        for (long pn = 0; pn < inOrder; pn++) {
            assertThat(window.check(pn)).isEqualTo(ReplayWindow.FRESH);
            window.accept(pn);
            seen.add(pn);
        }
        long highest = inOrder - 1;
        // The walk starts 200 behind the end of the run: duplicates, then fresh numbers and gaps.
        for (long walk : afterwards) {
            long pn = Math.max(0, inOrder + walk - 200);
            int expected = pn <= highest && highest - pn >= window.trackedPackets() ? ReplayWindow.TOO_OLD
                    : seen.contains(pn) ? ReplayWindow.DUPLICATE : ReplayWindow.FRESH;
            assertThat(window.check(pn)).as("packet %d after highest %d", pn, highest).isEqualTo(expected);
            if (expected == ReplayWindow.FRESH) {
                window.accept(pn);
                seen.add(pn);
                highest = Math.max(highest, pn);
            }
        }
        assertThat(window.highest()).isEqualTo(highest);
    }

    @Provide
    Arbitrary<List<Long>> packetNumbers() {
        Arbitrary<Long> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.longs().between(-70, 70)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-600, 600)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(500, 100_000)));
        return step.list().ofMinSize(1).ofMaxSize(400).map(steps -> {
            List<Long> out = new ArrayList<>();
            long pn = 0;
            for (long s : steps) {
                pn = Math.max(0, pn + s);
                out.add(pn);
            }
            return out;
        });
    }
}
