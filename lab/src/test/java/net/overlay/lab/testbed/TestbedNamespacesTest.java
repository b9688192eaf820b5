package net.overlay.lab.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Brings a real testbed up (random prefix, site a port-restricted, site b fully-random with a rate
 * limit), checks reachability, address translation and inbound filtering with UDP probes whose
 * arrival nftables records in the receiving namespace, and always tears it down. Root only: skips
 * with a message elsewhere. Traffic stays between the namespaces this class creates.
 */
class TestbedNamespacesTest {
    private static final String INET = Testbed.INET_ADDRESSES.getFirst();
    private static final long WAIT_NS = 3_000_000_000L;

    private static String prefix;
    private static Testbed tb;

    @BeforeAll
    static void up() {
        assumeTrue(TestbedControl.isRoot(), "SKIPPED: the namespace testbed needs root");
        Tools.Result netns = Tools.tryRun(Cmd.of("ip", "netns", "list"));
        assumeTrue(netns.ok(), "SKIPPED: 'ip netns' does not work here: " + netns.err().strip());
        Tools.Result nft = Tools.tryRun(Cmd.of("nft", "--version"));
        assumeTrue(nft.ok(), "SKIPPED: nft is missing: " + nft.err().strip());
        prefix = "t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        tb = new Testbed(prefix, List.of(Site.plain("a"), new Site("b", NatMode.FULLY_RANDOM, 0, 10_000)));
        TestbedControl.up(tb);
        // What the internet host sees: public source address and port of each probe.
        probeTable(tb.ns("inet"), "ip saddr . udp sport", "udp dport 3478");
        // What reaches site a's host from outside: sender address, sender port, destination port.
        probeTable(tb.siteNs(site("a")), "ip saddr . udp sport . udp dport", "ip saddr != 10.0.0.0/8");
    }

    @AfterAll
    static void down() {
        if (prefix != null) {
            TestbedControl.down(prefix);
            assertThat(TestbedControl.namespaces(prefix)).as("namespaces left after down").isEmpty();
        }
    }

    @Test
    void upTwiceIsHarmlessAndStatusShowsEveryNamespaceAndTheNatModes() {
        TestbedControl.up(tb);
        String status = TestbedControl.status(prefix);
        assertThat(status).contains(tb.namespaces().toArray(String[]::new))
                .contains("198.51.100.2/30", "10.0.1.2/24", "203.0.113.10/24")
                .contains("masquerade fully-random", "tbf");
        assertThat(TestbedControl.namespaces(prefix)).hasSize(tb.namespaces().size());
    }

    @Test
    void siteHostReachesTheInternetHostFromItsNatsPublicAddressKeepingThePort() {
        assertThat(send(tb.siteNs(site("a")), 40_000, INET, 3478).ok()).isTrue();
        String seen = awaitElement(tb.ns("inet"), "198.51.100.2 . 40000");
        assertThat(seen).as("no private source address leaks to the internet").doesNotContain("10.0.");
    }

    @Test
    void fullyRandomNatGivesTheFlowAFreshPort() {
        assertThat(send(tb.siteNs(site("b")), 40_001, INET, 3478).ok()).isTrue();
        String seen = awaitElement(tb.ns("inet"), "198.51.100.6 . ");
        assertThat(seen).doesNotContain("198.51.100.6 . 40001").doesNotContain("10.0.");
    }

    @Test
    void inboundReachesTheSiteOnlyFromTheEndpointItsMappingPointsAt() {
        String siteA = tb.siteNs(site("a"));
        assertThat(send(siteA, 40_002, INET, 3478).ok()).isTrue();
        // RFC 4787 5: port-restricted filtering. The wrong port goes first, so had it passed it would be seen first.
        assertThat(send(tb.ns("inet"), 3479, "198.51.100.2", 40_002).ok()).isTrue();
        assertThat(send(tb.ns("inet"), 3478, "198.51.100.2", 40_002).ok()).isTrue();
        String seen = awaitElement(siteA, INET + " . 3478 . 40002");
        assertThat(seen).doesNotContain(INET + " . 3479 . 40002");
    }

    @Test
    void internetHostCannotReachAPrivateSiteAddress() {
        String siteA = tb.siteNs(site("a"));
        // r2 has no route to 10/8, so the probe dies there; the send itself succeeds (unconnected UDP).
        send(tb.ns("inet"), 3478, tb.siteHostAddress(site("a")), 40_003);
        // Control: a mapped probe sent afterwards does arrive, so the set is live when we look.
        assertThat(send(siteA, 40_004, INET, 3478).ok()).isTrue();
        assertThat(send(tb.ns("inet"), 3478, "198.51.100.2", 40_004).ok()).isTrue();
        String seen = awaitElement(siteA, INET + " . 3478 . 40004");
        assertThat(seen).doesNotContain(". 40003");
        if (Tools.tryRun(Cmd.of("ping", "-V")).ok()) {
            assertThat(Tools.tryRun(Cmd.in(tb.ns("inet"), "ping", "-c1", "-W1", tb.siteHostAddress(site("a")))).ok())
                    .as("ping from the internet to a site host").isFalse();
        }
    }

    @Test
    void siteReachesTheOtherNatOverTheCoreRouters() {
        assumeTrue(Tools.tryRun(Cmd.of("ping", "-V")).ok(), "SKIPPED: ping (iputils-ping) is not installed");
        String siteA = tb.siteNs(site("a"));
        String natB = tb.natPublicAddress(site("b"));
        // nat-a, r1, the core routers and r2 each take one from the TTL; nat-b receives with 1.
        int ttl = 1 + tb.routersBetweenSites() + 1;
        assertThat(ttl).as("the agents' TTL-4 priming dies before the far NAT").isGreaterThan(4);
        assertThat(Tools.tryRun(Cmd.in(siteA, "ping", "-c1", "-W1", "-t", String.valueOf(ttl), natB)).ok()).isTrue();
        assertThat(Tools.tryRun(Cmd.in(siteA, "ping", "-c1", "-W1", "-t", String.valueOf(ttl - 1), natB)).ok()).isFalse();
    }

    private static Site site(String name) {
        return tb.sites().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static void probeTable(String ns, String key, String match) {
        String type = key.chars().filter(c -> c == '.').count() == 1
                ? "ipv4_addr . inet_service" : "ipv4_addr . inet_service . inet_service";
        String script = "table ip overlay_probe {\n"
                + "  set seen { type " + type + "; flags dynamic; }\n"
                + "  chain input {\n"
                + "    type filter hook input priority 0; policy accept;\n"
                + "    meta l4proto udp " + match + " add @seen { " + key + " }\n"
                + "  }\n"
                + "}\n";
        Tools.run(Cmd.in(ns, "nft", "-f", "-").withStdin(script));
    }

    private static String listSeen(String ns) {
        return Tools.run(Cmd.in(ns, "nft", "list", "set", "ip", "overlay_probe", "seen")).out();
    }

    /** Polls the probe set until it holds {@code element}: delivery through the veths is asynchronous. */
    private static String awaitElement(String ns, String element) {
        long deadlineNs = System.nanoTime() + WAIT_NS;
        String seen = listSeen(ns);
        while (!seen.contains(element) && System.nanoTime() < deadlineNs) {
            seen = listSeen(ns);
        }
        assertThat(seen).as("probe set in " + ns).contains(element);
        return seen;
    }

    private static Tools.Result send(String ns, int srcPort, String dst, int dstPort) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Tools.tryRun(Cmd.in(ns, java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", testClasses(),
                UdpSend.class.getName(), String.valueOf(srcPort), dst, String.valueOf(dstPort)));
    }

    private static String testClasses() {
        try {
            return Path.of(UdpSend.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
