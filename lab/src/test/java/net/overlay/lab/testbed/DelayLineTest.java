package net.overlay.lab.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user-space delay line on a real testbed: site a with 40 ms each way, site b with none. A ping
 * from site a to the internet host takes at least the 80 ms round trip the line adds, one from
 * site b does not, the hop count is what it is without the line, and {@code up} again without a
 * delay removes the line. Root only; skips with a message elsewhere.
 */
class DelayLineTest {
    private static final int DELAY_MS = 40;
    private static final Pattern RTT = Pattern.compile("rtt min/avg/max/mdev = ([\\d.]+)/([\\d.]+)/([\\d.]+)");
    private static final String INET = Testbed.INET_ADDRESSES.getFirst();

    private static String prefix;

    @BeforeAll
    static void up() {
        assumeTrue(TestbedControl.isRoot(), "SKIPPED: the namespace testbed needs root");
        assumeTrue(Tools.tryRun(Cmd.of("ip", "netns", "list")).ok(), "SKIPPED: 'ip netns' does not work here");
        assumeTrue(Tools.tryRun(Cmd.of("nft", "--version")).ok(), "SKIPPED: nft is missing");
        assumeTrue(Tools.tryRun(Cmd.of("ping", "-V")).ok(), "SKIPPED: ping (iputils-ping) is not installed");
        prefix = "d" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    }

    @AfterAll
    static void down() {
        if (prefix != null) {
            TestbedControl.down(prefix);
            assertThat(TestbedControl.namespaces(prefix)).as("namespaces left after down").isEmpty();
        }
    }

    @Test
    void aDelayedSiteSeesTheDelayTwicePerRoundTripAndTheSameHopCount() {
        Testbed tb = new Testbed(prefix, List.of(new Site("a", NatMode.MASQUERADE, 0, 0, DELAY_MS), Site.plain("b")));
        TestbedControl.up(tb);
        assertThat(TestbedControl.status(prefix)).contains("delay line: dly-a " + DELAY_MS);
        double[] a = ping(tb.siteNs(tb.sites().get(0)), 64);
        assertThat(a[0]).as("min rtt from the delayed site, ms").isGreaterThanOrEqualTo(2.0 * DELAY_MS);
        assertThat(a[2]).as("max rtt from the delayed site, ms").isLessThan(2.0 * DELAY_MS + 50);
        double[] b = ping(tb.siteNs(tb.sites().get(1)), 64);
        assertThat(b[2]).as("max rtt from the plain site, ms").isLessThan(DELAY_MS);
        // Site a reaches inet across nat-a, r1, the core routers and r2: the detour through the TUN adds no hop.
        int hops = 1 + tb.routersBetweenSites();
        assertThat(ping(tb.siteNs(tb.sites().get(0)), hops + 1)).isNotNull();
        assertThat(Tools.tryRun(Cmd.in(tb.siteNs(tb.sites().get(0)), "ping", "-c1", "-W2", "-t",
                String.valueOf(hops), INET)).ok()).as("ping with one TTL too few").isFalse();

        TestbedControl.up(Testbed.twoSites(prefix));
        assertThat(TestbedControl.status(prefix)).doesNotContain("delay line");
        assertThat(ping(tb.siteNs(tb.sites().get(0)), 64)[2]).isLessThan(DELAY_MS);
    }

    /** Three pings to the internet host with {@code ttl}; min, avg, max round trip in ms. */
    private static double[] ping(String ns, int ttl) {
        Tools.Result r = Tools.tryRun(Cmd.in(ns, "ping", "-c3", "-i", "0.2", "-W2", "-t", String.valueOf(ttl), INET));
        assertThat(r.ok()).as("ping from " + ns + ": " + r.out() + r.err()).isTrue();
        Matcher m = RTT.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
    }
}
