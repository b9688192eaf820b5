package net.overlay.lab.testbed.it;

import static net.overlay.lab.testbed.it.ItSupport.assumeTools;
import static net.overlay.lab.testbed.it.ItSupport.curl;
import static net.overlay.lab.testbed.it.ItSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.overlay.lab.testbed.Cmd;
import net.overlay.lab.testbed.NatMode;
import net.overlay.lab.testbed.NsProcess;
import net.overlay.lab.testbed.PathMeter;
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
 * Issue #7's tunnel checks on a real testbed: both sites behind port-restricted nftables
 * masquerade (site a with a delay line), the dev rendezvous in {@code inet}, the device agent with
 * nginx and sshd on its loopback in site b, clients in site a; every one a separate process in its
 * namespace. Which path carried the bytes is read from nftables counters on the core link
 * ({@link PathMeter}), not only from what the agents print. Root only; skips plainly elsewhere or
 * when a tool is missing. The last test kills the rendezvous, so the order is fixed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TunnelAcrossNatsTest {
    private static final int MARKER_BYTES = 2 << 20;
    private static final Duration DIRECT_WITHIN = Duration.ofSeconds(60);
    private static final Duration FIRST_PUNCH_WITHIN = Duration.ofSeconds(20);

    @TempDir
    static Path work;

    private static String prefix;
    private static Testbed tb;
    private static Site siteA;
    private static Site siteB;
    private static String marker;
    private static NsProcess nginx;
    private static NsProcess sshd;
    private static TestbedAgents agents;
    private static TestbedAgents.Client http;
    private static PathMeter meter;

    @BeforeAll
    static void up() throws IOException {
        ItSupport.assumeTestbed("nginx", "curl");
        prefix = ItSupport.newPrefix();
        siteA = new Site("a", NatMode.MASQUERADE, 0, 0, 5);
        siteB = Site.plain("b");
        tb = new Testbed(prefix, List.of(siteA, siteB));
        TestbedControl.up(tb);
        Path www = Files.createDirectories(work.resolve("www"));
        marker = "OVERLAY-PLAINTEXT-MARKER-" + prefix;
        ItSupport.writeMarkerFile(www.resolve("marker.txt"), marker, MARKER_BYTES);
        Files.writeString(www.resolve("small.html"), "<p>hello from site b</p>\n", StandardCharsets.US_ASCII);
        nginx = SiteServers.nginx(tb.siteNs(siteB), work, www);
        agents = TestbedAgents.start(tb, work.resolve("agents"), siteB,
                Map.of("http", "127.0.0.1:" + SiteServers.HTTP_PORT, "ssh", "127.0.0.1:" + SiteServers.SSH_PORT));
        meter = PathMeter.install(tb, siteA, siteB);
        http = agents.connect(siteA, "http");
    }

    @AfterAll
    static void down() {
        try {
            for (AutoCloseable c : new AutoCloseable[] {agents, sshd, nginx}) {
                if (c != null) {
                    c.close();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (prefix != null) {
                TestbedControl.down(prefix);
                assertThat(TestbedControl.namespaces(prefix)).as("namespaces left after down").isEmpty();
            }
        }
    }

    @Test
    @Order(1)
    void curlThroughTheTunnelGetsTheBodyOverTheDirectPath() throws IOException {
        String remote = awaitDirect();
        assertThat(remote).as("the client's direct path ends at site b's NAT").startsWith(tb.natPublicAddress(siteB) + ":");
        PathMeter.Reading before = meter.read();
        Path got = work.resolve("got-1.txt");
        Tools.Result r = curl(tb.siteNs(siteA), http.port(), "/marker.txt", got);
        PathMeter.Reading moved = meter.read().minus(before);
        assertThat(r.ok()).as("curl: " + r.err()).isTrue();
        assertThat(sha256(got)).isEqualTo(sha256(work.resolve("www/marker.txt")));
        System.out.println("curl of " + MARKER_BYTES + " bytes: " + moved);
        assertThat(moved.directBytes()).as("bytes on the direct path").isGreaterThan(MARKER_BYTES);
        assertThat(moved.relayBytes()).as("bytes through the internet host").isLessThan(MARKER_BYTES / 50);
    }

    /**
     * Waits for the direct path. The agents probe for 2 s (PunchConfig: 40 rounds of 50 ms) and do
     * not punch again; on this loaded 2-core machine the two sides' probe windows sometimes miss
     * each other (3 of 6 runs at load average 22-27), and the first probe to arrive leaves a conntrack
     * entry in the far NAT that remaps the late side's mapping. So a session that is not direct
     * within 20 s is reported (with both NATs' conntrack UDP entries, where the collision shows as
     * an UNREPLIED inbound entry) and replaced once by a new client; the new session must go direct.
     */
    private static String awaitDirect() throws IOException {
        try {
            return http.awaitDirect(FIRST_PUNCH_WITHIN);
        } catch (TestbedException first) {
            System.out.println("FIRST SESSION NOT DIRECT (a punching failure, reported; retrying with a new client):\n"
                    + first.getMessage() + conntrack());
            http.process().close();
            http = agents.connect(siteA, "http");
        }
        try {
            return http.awaitDirect(DIRECT_WITHIN);
        } catch (TestbedException e) {
            throw new TestbedException(e.getMessage() + conntrack() + "device:\n" + agents.deviceProcess().output());
        }
    }

    private static String conntrack() {
        StringBuilder b = new StringBuilder();
        for (Site s : List.of(siteA, siteB)) {
            b.append("\nconntrack of ").append(tb.natNs(s)).append(":\n");
            Tools.tryRun(Cmd.in(tb.natNs(s), "cat", "/proc/net/nf_conntrack")).out().lines()
                    .filter(l -> l.contains(" udp ")).forEach(l -> b.append(l).append('\n'));
        }
        return b.toString();
    }

    @Test
    @Order(2)
    void sshThroughTheTunnelRunsACommand() throws IOException {
        assumeTools("ssh", "/usr/sbin/sshd", "ssh-keygen");
        Path key = work.resolve("client_ed25519");
        SiteServers.keygen(key);
        sshd = SiteServers.sshd(tb.siteNs(siteB), work, key);
        TestbedAgents.Client ssh = agents.connect(siteA, "ssh");
        ssh.awaitSession(DIRECT_WITHIN);
        Tools.Result r = Tools.tryRun(Cmd.in(tb.siteNs(siteA), "ssh", "-i", key.toString(), "-p", String.valueOf(ssh.port()),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=20", "root@127.0.0.1", "echo", "hello-through-the-tunnel", "$((6*7))"),
                Duration.ofSeconds(60));
        assertThat(r.ok()).as("ssh failed: " + r.err() + "\nclient: " + ssh.process().output()).isTrue();
        assertThat(r.out().strip()).isEqualTo("hello-through-the-tunnel 42");
    }

    @Test
    @Order(3)
    void wrkForThirtySecondsSeesNoErrors() {
        assumeTools("wrk");
        http.awaitSession(DIRECT_WITHIN);
        Tools.Result r = Tools.tryRun(Cmd.in(tb.siteNs(siteA), "wrk", "-t2", "-c8", "-d30s", "--timeout", "10s",
                "--latency", "http://127.0.0.1:" + http.port() + "/small.html"), Duration.ofSeconds(60));
        System.out.println("wrk through the tunnel:\n" + r.out());
        assertThat(r.ok()).as("wrk: " + r.err()).isTrue();
        Matcher requests = Pattern.compile("(\\d+) requests in").matcher(r.out());
        assertThat(requests.find()).as(r.out()).isTrue();
        assertThat(Long.parseLong(requests.group(1))).isGreaterThan(100);
        // wrk prints these two lines only when their counts are not zero.
        assertThat(r.out()).doesNotContain("Socket errors").doesNotContain("Non-2xx");
    }

    @Test
    @Order(5)
    void scansOfTheDeviceSiteFindNoOpenPort() {
        assumeTools("nmap", "ss");
        DeviceScans.assertNothingOpen(tb, siteB, agents, work);
    }

    @Test
    @Order(6)
    void aCaptureOnTheCoreLinkHoldsNoneOfThePlaintext() throws IOException {
        assumeTools("tcpdump");
        // Direct or relayed, the session's packets cross r1's core link.
        http.awaitSession(DIRECT_WITHIN);
        Path pcap = work.resolve("core.pcap");
        // -Z root: tcpdump would otherwise drop to its own user and fail to write into our folder.
        NsProcess capture = NsProcess.start("tcpdump", tb.routerNs(siteA), List.of("tcpdump", "-i", "core", "-n",
                "-s", "0", "-U", "-Z", "root", "-w", pcap.toString(), "udp"), work.resolve("tcpdump.log"));
        capture.awaitLine(Pattern.compile("listening on"), Duration.ofSeconds(20));
        Tools.Result r = curl(tb.siteNs(siteA), http.port(), "/marker.txt", work.resolve("got-6.txt"));
        // curl returns when the last bytes arrived; tcpdump may not have read the last packets from the
        // kernel yet (a CI run once lost the tail of the transfer): stop it once the file has them, or
        // after a few seconds at most.
        for (long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                Files.size(pcap) <= MARKER_BYTES && System.nanoTime() < end; ) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        capture.close();
        assertThat(r.ok()).as("curl: " + r.err()).isTrue();
        byte[] captured = Files.readAllBytes(pcap);
        assertThat(captured.length).as("the capture saw the transfer").isGreaterThan(MARKER_BYTES);
        String asText = new String(captured, StandardCharsets.ISO_8859_1);
        assertThat(asText.contains(marker)).as("marker in the capture").isFalse();
        assertThat(asText.contains("hello from site b")).isFalse();
        // Control: the same bytes do hold the marker when it is there in clear.
        assertThat(Files.readString(work.resolve("got-6.txt"), StandardCharsets.ISO_8859_1)).contains(marker);
    }

    @Test
    @Order(7)
    void theTunnelKeepsWorkingDirectAfterTheRendezvousIsKilled() throws IOException {
        awaitDirect();
        agents.rendezvousProcess().kill();
        // Let the agents notice: the device's next keepalive goes unanswered (about 25 s, then 7.5 s of retries).
        agents.deviceProcess().awaitLine(Pattern.compile("rendezvous lost"), Duration.ofSeconds(60));
        PathMeter.Reading before = meter.read();
        Path got = work.resolve("got-7.txt");
        Tools.Result r = curl(tb.siteNs(siteA), http.port(), "/marker.txt", got);
        PathMeter.Reading moved = meter.read().minus(before);
        assertThat(r.ok()).as("curl after the rendezvous died: " + r.err() + "\nclient: " + http.process().output())
                .isTrue();
        assertThat(sha256(got)).isEqualTo(sha256(work.resolve("www/marker.txt")));
        assertThat(moved.directBytes()).isGreaterThan(MARKER_BYTES);
        assertThat(http.process().output()).doesNotContain("session closed");
    }
}
