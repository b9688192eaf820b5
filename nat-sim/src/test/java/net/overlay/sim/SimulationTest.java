package net.overlay.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {
    private static final long WINDOW_NS = 10_000_000L;

    private static SimResult ping(int nodes, int periods, long seed, int regions, int threads) {
        return Simulation.run(new SimConfig(nodes, seed, WINDOW_NS, regions, threads), PingWorkload.standard(nodes, periods));
    }

    @Test
    void pingPlaysOneTickAndOneDeliveryPerNodeAndPeriod() {
        SimResult result = ping(100, 5, 1, 3, 2);
        assertThat(result.events()).isEqualTo(2L * 100 * 5);
        // Last tick lies in [4 s, 5 s), its delivery at most 100 ms later.
        assertThat(result.lastWindowEndNs()).isBetween(4_000_000_000L, 5_110_000_000L);
    }

    @Test
    void sameSeedTwiceGivesTheSameResult() {
        assertThat(ping(500, 4, 7, 4, 2)).isEqualTo(ping(500, 4, 7, 4, 2));
    }

    @Test
    void oneAndTwoThreadsGiveTheSameResult() {
        assertThat(ping(500, 4, 7, 4, 1)).isEqualTo(ping(500, 4, 7, 4, 2));
    }

    @Test
    void regionCountDoesNotChangeTheResult() {
        SimResult one = ping(500, 4, 7, 1, 2);
        assertThat(ping(500, 4, 7, 4, 2)).isEqualTo(one);
        assertThat(ping(500, 4, 7, 7, 1)).isEqualTo(one);
    }

    @Test
    void anotherSeedGivesAnotherDigest() {
        assertThat(ping(500, 4, 8, 4, 2).digest()).isNotEqualTo(ping(500, 4, 7, 4, 2).digest());
    }

    @Test
    void timersBeyondTheWheelStillFireInOrder() {
        // A 3 s period is further ahead than the 1.28 s wheel, so ticks go through the far list.
        PingWorkload slow = new PingWorkload(200, 3, 3_000_000_000L, 10_000_000L, 100_000_000L);
        SimResult one = Simulation.run(new SimConfig(200, 3, WINDOW_NS, 1, 1), slow);
        SimResult three = Simulation.run(new SimConfig(200, 3, WINDOW_NS, 3, 2), slow);
        assertThat(one.events()).isEqualTo(2L * 200 * 3);
        assertThat(three).isEqualTo(one);
    }

    @Test
    void simultaneousArrivalsAreOrderedBySourceThenSequence() {
        FanIn fanIn = new FanIn();
        Simulation.run(new SimConfig(12, 1, WINDOW_NS, 4, 2), fanIn);
        List<String> expected = new ArrayList<>();
        for (int source = 0; source < 12; source++) {
            expected.add(source + ":0");
            expected.add(source + ":1");
        }
        assertThat(fanIn.seenByNodeZero).containsExactlyElementsOf(expected);
    }

    @Test
    void aMessageBelowTheLookaheadFailsTheRun() {
        Workload tooFast = new FanIn() {
            @Override
            public void onTimer(Region region, int node, long nowNs, long payload) {
                region.send(node, 0, nowNs + WINDOW_NS / 2, 0);
            }
        };
        assertThatThrownBy(() -> Simulation.run(new SimConfig(4, 1, WINDOW_NS, 2, 1), tooFast))
                .isInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("event at 5000000 ns falls inside the current window ending at 10000000 ns: below the lookahead");
    }

    @Test
    void timersInsideTheCurrentWindowFireInTimeOrderAndCarryAttachments() {
        // Each node sets three timers 1, 2 and 3 ms ahead (inside the 10 ms window), the last sends
        // an attachment to node 0 one window later: node 0 must see every timer and every attachment.
        List<String> seen = new ArrayList<>();
        Workload w = new Workload() {
            @Override
            public void onStart(Region region, int node) {
                region.setTimer(node, 0, 0);
            }

            @Override
            public void onTimer(Region region, int node, long nowNs, long step) {
                if (node == 0) seen.add("t" + step + "@" + nowNs);
                if (step < 3) region.setTimer(node, nowNs + 1_000_000L, step + 1);
                else region.send(node, 0, nowNs + WINDOW_NS, node, "from " + node);
            }

            @Override
            public void onMessage(Region region, int node, long nowNs, int source, long payload) {
                throw new AssertionError("the attachment must be delivered");
            }

            @Override
            public void onMessage(Region region, int node, long nowNs, int source, long payload, Object attachment) {
                seen.add(attachment + "@" + nowNs);
            }
        };
        SimResult result = Simulation.run(new SimConfig(3, 1, WINDOW_NS, 2, 2), w);
        assertThat(seen).containsExactly("t0@0", "t1@1000000", "t2@2000000", "t3@3000000",
                "from 0@13000000", "from 1@13000000", "from 2@13000000");
        assertThat(result.events()).isEqualTo(3 * 4 + 3);
    }

    @Test
    void aTimerBeforeTheCurrentEventFailsTheRun() {
        Workload backwards = new FanIn() {
            @Override
            public void onTimer(Region region, int node, long nowNs, long payload) {
                if (payload == 0) region.setTimer(node, nowNs + 5_000_000L, 1);
                else region.setTimer(node, nowNs - 1, 2);
            }
        };
        assertThatThrownBy(() -> Simulation.run(new SimConfig(2, 1, WINDOW_NS, 1, 1), backwards))
                .isInstanceOf(IllegalStateException.class).hasRootCauseMessage("timer at 4999999 ns lies before the current event at 5000000 ns");
    }

    /** Every node sends two messages to node 0, all arriving at the same instant. */
    private static class FanIn implements Workload {
        // Only node 0 writes, and node 0 lives in one region: one thread at a time.
        final List<String> seenByNodeZero = new ArrayList<>();

        @Override
        public void onStart(Region region, int node) {
            region.setTimer(node, 0, 0);
        }

        @Override
        public void onTimer(Region region, int node, long nowNs, long payload) {
            region.send(node, 0, nowNs + WINDOW_NS, 0);
            region.send(node, 0, nowNs + WINDOW_NS, 1);
        }

        @Override
        public void onMessage(Region region, int node, long nowNs, int source, long payload) {
            seenByNodeZero.add(source + ":" + payload);
        }
    }
}
