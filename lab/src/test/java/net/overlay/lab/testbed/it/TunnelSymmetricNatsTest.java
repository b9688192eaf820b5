package net.overlay.lab.testbed.it;

import static net.overlay.lab.testbed.it.ItSupport.curl;
import static net.overlay.lab.testbed.it.ItSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.overlay.lab.testbed.NatMode;
import net.overlay.lab.testbed.NsProcess;
import net.overlay.lab.testbed.PathMeter;
import net.overlay.lab.testbed.Site;
import net.overlay.lab.testbed.Testbed;
import net.overlay.lab.testbed.TestbedAgents;
import net.overlay.lab.testbed.TestbedControl;
import net.overlay.lab.testbed.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7 check 4: both sites behind symmetric NATs (site a {@code random}, site b
 * {@code fully-random}, each with a delay line), where no direct path can be punched: the relay in
 * the internet host carries the tunnel and curl still gets the whole body. Root only; skips
 * plainly elsewhere.
 */
class TunnelSymmetricNatsTest {
    private static final int BODY_BYTES = 1 << 20;

    @TempDir
    static Path work;

    private static String prefix;
    private static Testbed tb;
    private static Site siteA;
    private static NsProcess nginx;
    private static TestbedAgents agents;

    @BeforeAll
    static void up() throws IOException {
        ItSupport.assumeTestbed("nginx", "curl");
        prefix = ItSupport.newPrefix();
        siteA = new Site("a", NatMode.RANDOM, 0, 0, 5);
        Site siteB = new Site("b", NatMode.FULLY_RANDOM, 0, 0, 5);
        tb = new Testbed(prefix, List.of(siteA, siteB));
        TestbedControl.up(tb);
        Path www = Files.createDirectories(work.resolve("www"));
        ItSupport.writeMarkerFile(www.resolve("body.txt"), "relayed " + prefix, BODY_BYTES);
        nginx = SiteServers.nginx(tb.siteNs(siteB), work, www);
        agents = TestbedAgents.start(tb, work.resolve("agents"), siteB, Map.of("http", "127.0.0.1:" + SiteServers.HTTP_PORT));
    }

    @AfterAll
    static void down() {
        try {
            if (agents != null) {
                agents.close();
            }
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            if (prefix != null) {
                TestbedControl.down(prefix);
                assertThat(TestbedControl.namespaces(prefix)).as("namespaces left after down").isEmpty();
            }
        }
    }

    @Test
    void theRelayCarriesTheTunnelBetweenTwoSymmetricNats() throws IOException {
        PathMeter meter = PathMeter.install(tb, siteA, tb.sites().get(1));
        TestbedAgents.Client http = agents.connect(siteA, "http");
        http.awaitSession(Duration.ofSeconds(60));
        PathMeter.Reading before = meter.read();
        Path got = work.resolve("got.txt");
        Tools.Result r = curl(tb.siteNs(siteA), http.port(), "/body.txt", got);
        PathMeter.Reading moved = meter.read().minus(before);
        assertThat(r.ok()).as("curl: " + r.err() + "\nclient: " + http.process().output()).isTrue();
        assertThat(sha256(got)).isEqualTo(sha256(work.resolve("www/body.txt")));
        System.out.println("curl of " + BODY_BYTES + " bytes between symmetric NATs: " + moved);
        assertThat(moved.relayBytes()).as("bytes through the internet host's relay").isGreaterThan(BODY_BYTES);
        // Punch probes to guessed ports may still cross the direct route; the body does not.
        assertThat(moved.directBytes()).as("bytes between the two NATs").isLessThan(BODY_BYTES / 10);
        assertThat(http.process().output()).doesNotContain("direct path");
    }
}
