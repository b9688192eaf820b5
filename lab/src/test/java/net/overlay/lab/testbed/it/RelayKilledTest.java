package net.overlay.lab.testbed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.overlay.lab.soak.PumpResult;
import net.overlay.lab.soak.SoakRun;
import net.overlay.lab.testbed.NatMode;
import net.overlay.lab.testbed.NsProcess;
import net.overlay.lab.testbed.Site;
import net.overlay.lab.testbed.Testbed;
import net.overlay.lab.testbed.TestbedAgents;
import net.overlay.lab.testbed.TestbedControl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #9 fault (b): both NATs symmetric (as in {@link TunnelSymmetricNatsTest}), so the dev
 * rendezvous' relay carries the session; the rendezvous (and with it the relay) is killed in the
 * middle of a checked echo transfer. The documented outcome (docs/hardening.md): the stream ends
 * incomplete within a bound and never delivers a wrong byte (it ends with a FIN, not a reset: an
 * open finding there); after a restart the device
 * re-registers and a new {@code connect} through the new relay moves data intact within a bound.
 * Root only; skips plainly otherwise.
 */
class RelayKilledTest {
    /** Our stated bound: the stream ends (an error, not a hang) this long after the relay died. */
    private static final long STREAM_END_BOUND_S = 100;
    /** Our stated bound: restart to an intact echo through a new session (a JVM start included). */
    private static final long RECOVERY_BOUND_S = 150;
    private static final long RATE_BYTES_PER_SECOND = 200_000;

    @TempDir
    static Path work;

    private static String prefix;
    private static Testbed tb;
    private static Site siteA;
    private static NsProcess echo;
    private static TestbedAgents agents;

    @BeforeAll
    static void up() throws IOException {
        ItSupport.assumeTestbed();
        prefix = ItSupport.newPrefix();
        siteA = new Site("a", NatMode.RANDOM, 0, 0, 5);
        Site siteB = new Site("b", NatMode.FULLY_RANDOM, 0, 0, 5);
        tb = new Testbed(prefix, List.of(siteA, siteB));
        TestbedControl.up(tb);
        echo = SoakRun.startEcho(tb, siteB, work);
        agents = TestbedAgents.start(tb, work.resolve("agents"), siteB, Map.of("echo", "127.0.0.1:7007"));
    }

    @AfterAll
    static void down() {
        FaultSupport.tearDown(prefix, agents, echo);
    }

    @Test
    void theRelayKilledMidTransferEndsTheStreamCleanlyAndANewSessionThroughTheRestartedRelayWorks()
            throws IOException {
        TestbedAgents.Client first = agents.connect(siteA, "echo");
        first.awaitSession(Duration.ofSeconds(60));
        NsProcess pump = SoakRun.startPump(tb, siteA, work.resolve("pump-killed.log"), first.port(), 120,
                RATE_BYTES_PER_SECOND);
        pump.awaitLine(Pattern.compile("pump t=5s"), Duration.ofSeconds(60));
        long killedNs = System.nanoTime();
        agents.rendezvousProcess().kill();
        PumpResult cut = SoakRun.awaitPump(pump, Duration.ofSeconds(STREAM_END_BOUND_S));
        double endedS = (System.nanoTime() - killedNs) / 1e9;
        pump.close();
        System.out.printf("relay killed at pump t=5s: the stream ended %.1f s later: %s%nclient:%n%s%ndevice:%n%s%n",
                endedS, cut, first.process().output(), agents.deviceProcess().output());
        assertThat(first.process().output()).as("the session ran over the relay").doesNotContain("direct path");
        assertThat(cut.mismatchedReads()).as("wrong bytes delivered").isZero();
        assertThat(cut.receivedBytes()).as("no byte is made up").isLessThanOrEqualTo(cut.sentBytes());
        assertThat(cut.intact()).as("a stream whose relay died cannot have completed").isFalse();
        assertThat(endedS).as("seconds from the kill to the stream's end").isLessThan(STREAM_END_BOUND_S);
        first.process().close();

        long restartNs = System.nanoTime();
        long ready = FaultSupport.count(agents.deviceProcess(), Pattern.compile("rendezvous ready"));
        agents.restartRendezvous();
        FaultSupport.awaitMore(agents.deviceProcess(), Pattern.compile("rendezvous ready"), ready,
                Duration.ofSeconds(90));
        double reRegisteredS = (System.nanoTime() - restartNs) / 1e9;
        TestbedAgents.Client second = agents.connect(siteA, "echo");
        second.awaitSession(Duration.ofSeconds(60));
        try (NsProcess again = SoakRun.startPump(tb, siteA, work.resolve("pump-again.log"), second.port(), 5,
                RATE_BYTES_PER_SECOND)) {
            PumpResult r = SoakRun.awaitPump(again, 5);
            double recoveredS = (System.nanoTime() - restartNs) / 1e9;
            System.out.printf("after the restart: device re-registered in %.1f s, intact echo %.1f s after the "
                    + "restart: %s%n", reRegisteredS, recoveredS, r);
            assertThat(r.intact()).as("echo through the restarted relay: " + r).isTrue();
            assertThat(recoveredS).isLessThan(RECOVERY_BOUND_S);
        }
    }
}
