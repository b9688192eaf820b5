package net.overlay.lab.testbed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.overlay.lab.soak.PumpResult;
import net.overlay.lab.soak.SoakRun;
import net.overlay.lab.testbed.Cmd;
import net.overlay.lab.testbed.NatMode;
import net.overlay.lab.testbed.NsProcess;
import net.overlay.lab.testbed.Site;
import net.overlay.lab.testbed.Testbed;
import net.overlay.lab.testbed.TestbedAgents;
import net.overlay.lab.testbed.TestbedControl;
import net.overlay.lab.testbed.TestbedException;
import net.overlay.lab.testbed.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #9 faults (a) and (c) on a testbed of two {@code masquerade} NATs (site a with a 5 ms delay
 * line, as in {@link TunnelAcrossNatsTest}): both NATs' conntrack tables flushed in the middle of a
 * checked echo transfer, then the rendezvous killed and restarted in a loop while the device
 * re-registers and a new client connects and moves data each round. Root only, and {@code conntrack}
 * for (a); skips plainly otherwise. docs/hardening.md has the measured figures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NatFlushAndRendezvousRestartTest {
    /**
     * Our stated bound: the longest gap in the echo after both NAT tables were flushed. The flush
     * leaves the direct path dead (conntrack remaps the device's flow, docs/hardening.md) and the
     * session gives a silent direct path up for the relay after SessionTuning.pathTimeoutNs, 75 s;
     * 90 s allows for that and a loaded machine.
     */
    private static final long FLUSH_RECOVERY_BOUND_MS = 90_000;
    /** Our stated bound: from the restart to the device's next "rendezvous ready". */
    private static final Duration REREGISTER_BOUND = Duration.ofSeconds(90);
    private static final int ROUNDS = 3;
    private static final long RATE_BYTES_PER_SECOND = 200_000;
    private static final Pattern READY = Pattern.compile("rendezvous ready");

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
        siteA = new Site("a", NatMode.MASQUERADE, 0, 0, 5);
        Site siteB = Site.plain("b");
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
    @Order(1)
    void flushingBothNatTablesMidTransferLosesNoByteAndTheEchoResumesWithinTheBound() throws IOException {
        ItSupport.assumeTools("conntrack");
        TestbedAgents.Client client = directClient();
        NsProcess pump = SoakRun.startPump(tb, siteA, work.resolve("pump-flush.log"), client.port(), 30,
                RATE_BYTES_PER_SECOND);
        pump.awaitLine(Pattern.compile("pump t=10s"), Duration.ofSeconds(60));
        String before = client.process().output();
        for (String site : List.of("a", "b")) {
            Tools.Result r = FaultSupport.flushConntrack(tb.ns("nat-" + site));
            assertThat(r.ok()).as("conntrack -F in nat-" + site + ": " + r.err()).isTrue();
        }
        FaultSupport.sleepMs(15_000);
        String tables = conntrackTables();
        PumpResult result = SoakRun.awaitPump(pump, 30);
        String after = client.process().output().substring(before.length());
        System.out.println("conntrack flush at pump t=10s: " + result + "\nclient after the flush:\n" + after
                + "\ndevice:\n" + agents.deviceProcess().output() + "\nconntrack 15 s after the flush:\n" + tables);
        assertThat(result.intact()).as("echo across the flush: " + result + "\nclient:\n" + client.process().output())
                .isTrue();
        assertThat(result.sentBytes()).isGreaterThan(25 * RATE_BYTES_PER_SECOND);
        assertThat(result.maxStallMs()).as("longest gap in the echo").isLessThan(FLUSH_RECOVERY_BOUND_MS);
        assertThat(after).doesNotContain("session closed");
        client.process().close();
    }

    /**
     * A client whose session went direct, the case the flush is about; under heavy load punching
     * sometimes misses (docs/testbed.md, "Finding"), so up to three sessions are tried, and the
     * last one is used over the relay if none went direct (the output says which case ran).
     */
    private static TestbedAgents.Client directClient() throws IOException {
        for (int attempt = 1; ; attempt++) {
            TestbedAgents.Client client = agents.connect(siteA, "echo");
            client.awaitSession(Duration.ofSeconds(60));
            try {
                System.out.println("flush test: direct path " + client.awaitDirect(Duration.ofSeconds(30)));
                return client;
            } catch (TestbedException e) {
                if (attempt == 3) {
                    System.out.println("flush test: no direct path in three sessions; flushing under the relay");
                    return client;
                }
                client.process().close();
            }
        }
    }

    private static String conntrackTables() {
        StringBuilder b = new StringBuilder();
        for (String site : List.of("a", "b")) {
            b.append("nat-").append(site).append(":\n").append(Tools.tryRun(
                    Cmd.in(tb.ns("nat-" + site), "conntrack", "-L", "-p", "udp")).out());
        }
        return b.toString();
    }

    @Test
    @Order(2)
    void theRendezvousKilledAndRestartedThreeTimesEveryRoundReRegistersAndConnects() throws IOException {
        List<String> rounds = new ArrayList<>();
        int successes = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            long ready = FaultSupport.count(agents.deviceProcess(), READY);
            agents.rendezvousProcess().kill();
            agents.restartRendezvous();
            double reRegisterS = FaultSupport.awaitMore(agents.deviceProcess(), READY, ready, REREGISTER_BOUND);
            long connectStartNs = System.nanoTime();
            TestbedAgents.Client client = agents.connect(siteA, "echo");
            client.awaitSession(Duration.ofSeconds(60));
            double connectS = (System.nanoTime() - connectStartNs) / 1e9;
            try (NsProcess pump = SoakRun.startPump(tb, siteA, work.resolve("pump-round-" + round + ".log"),
                    client.port(), 5, RATE_BYTES_PER_SECOND)) {
                PumpResult r = SoakRun.awaitPump(pump, 5);
                rounds.add(String.format("round %d: device re-registered %.1f s after the restart, client session in "
                        + "%.1f s (JVM start included), echo %s (%d bytes)", round, reRegisterS, connectS,
                        r.intact() ? "intact" : "FAILED " + r, r.receivedBytes()));
                if (r.intact() && r.sentBytes() > 0) {
                    successes++;
                }
            } finally {
                client.process().close();
            }
        }
        rounds.forEach(System.out::println);
        assertThat(successes).as(String.join("\n", rounds)).isEqualTo(ROUNDS);
    }
}
