package net.overlay.core.proto.transport.cc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The undo hook of the loss-based controllers: a spurious loss episode gives the window back
 * (RFC 9438 4.9 for CUBIC; Linux's undo for the others), a confirmed one keeps the reduction.
 */
class SpuriousCongestionUndoTest {
    private static final int MSS = 1200;
    private static final long RTT_NS = 50_000_000L;

    record Made(String name, Function<CongestionConfig, CongestionControl> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Made> controllers() {
        return List.of(new Made("newreno", NewReno::new), new Made("cubic", Cubic::new),
                new Made("vegas", c -> new Vegas.Factory().create(c)), new Made("ledbat", c -> new Ledbat.Factory().create(c)));
    }

    private static AckClock grown(Made m) {
        AckClock clock = new AckClock(m.make().apply(CongestionConfig.defaults(MSS, 1)), RTT_NS, MSS);
        clock.run(RTT_NS * 3);
        return clock;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controllers")
    void aSpuriousEpisodeRestoresTheWindowItStartedWith(Made m) {
        AckClock clock = grown(m);
        long before = clock.cc.congestionWindowBytes();
        clock.loss(false);
        clock.loss(false);
        assertThat(clock.cc.congestionWindowBytes()).as("reduced").isLessThan(before);
        clock.cc.onSpuriousCongestion(clock.nowNs(), clock);
        assertThat(clock.cc.congestionWindowBytes()).isEqualTo(before);
        // Out of recovery: a later real loss reduces again.
        clock.run(RTT_NS);
        long grownAgain = clock.cc.congestionWindowBytes();
        clock.loss(false);
        assertThat(clock.cc.congestionWindowBytes()).isLessThan(grownAgain);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controllers")
    void aConfirmedEpisodeIsNotUndoneByALaterSpuriousSignal(Made m) {
        AckClock clock = grown(m);
        clock.loss(false);
        long reduced = clock.cc.congestionWindowBytes();
        clock.cc.onCongestionConfirmed(clock.nowNs());
        clock.cc.onSpuriousCongestion(clock.nowNs(), clock);
        assertThat(clock.cc.congestionWindowBytes()).isEqualTo(reduced);
    }
}
