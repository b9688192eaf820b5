package net.overlay.lab.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The testbed description and its plan, checked without running any tool (no root needed). */
class TestbedTest {
    private static final Pattern IPV4 = Pattern.compile("\\b(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    private static Testbed mixed() {
        return new Testbed("ovl", List.of(new Site("a", NatMode.MASQUERADE, 5, 0),
                new Site("b", NatMode.FULLY_RANDOM, 0, 2000), new Site("c", NatMode.RANDOM, 0, 0)));
    }

    @Test
    void everyAddressInThePlanIsADocumentationOrPrivateAddress() {
        StringBuilder text = new StringBuilder();
        mixed().configuration().forEach(c -> text.append(c.argv()).append(c.stdin()).append('\n'));
        Matcher m = IPV4.matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
            String a = m.group();
            assertThat(a.startsWith("192.0.2.") || a.startsWith("198.51.100.") || a.startsWith("203.0.113.")
                    || a.startsWith("10.")).as(a).isTrue();
        }
        assertThat(count).isGreaterThan(20);
    }

    @Test
    void everyNamespaceCarriesThePrefixSoTwoPrefixesNeverShareOne() {
        Testbed one = Testbed.twoSites("ovl");
        Testbed two = Testbed.twoSites("t1a2b3c");
        assertThat(one.namespaces()).allMatch(n -> n.startsWith("ovl-")).doesNotHaveDuplicates()
                .contains("ovl-inet", "ovl-r1", "ovl-r2", "ovl-nat-a", "ovl-site-a", "ovl-nat-b", "ovl-site-b");
        assertThat(one.namespaces()).doesNotContainAnyElementsOf(two.namespaces());
        for (Link l : one.links()) {
            assertThat(one.namespaces()).contains(l.nsA(), l.nsB());
        }
    }

    @Test
    void eachNatGetsItsModeAndOnlyImpairedLinksGetDropsOrARate() {
        Testbed tb = mixed();
        List<Cmd> plan = tb.configuration();
        assertThat(nftScript(plan, "ovl-nat-a")).contains("masquerade\n").contains("numgen random mod 100 < 5 drop");
        assertThat(nftScript(plan, "ovl-nat-b")).contains("masquerade fully-random").doesNotContain("numgen");
        assertThat(nftScript(plan, "ovl-nat-c")).contains("masquerade random").doesNotContain("numgen");
        assertThat(plan).anySatisfy(c -> assertThat(c.argv()).contains("ovl-nat-b", "tbf", "2000kbit"));
        assertThat(plan).noneSatisfy(c -> assertThat(c.argv()).contains("ovl-nat-a", "tbf"));
    }

    @Test
    void sitesAlternateBetweenTheTwoRoutersSoSiteToSiteCrossesTheCore() {
        List<Link> links = Testbed.twoSites("ovl").links();
        assertThat(links).contains(new Link("ovl-r1", "site-a", "ovl-nat-a", "wan"),
                new Link("ovl-r2", "site-b", "ovl-nat-b", "wan"),
                new Link("ovl-r1", "core", "ovl-c1", "west"),
                new Link("ovl-c1", "east", "ovl-c2", "west"),
                new Link("ovl-c2", "east", "ovl-r2", "core"),
                new Link("ovl-r2", "inet", "ovl-inet", "eth0"));
        assertThat(new Testbed("ovl", List.of(Site.plain("a"), Site.plain("b")), 0).links())
                .contains(new Link("ovl-r1", "core", "ovl-r2", "core"));
    }

    @Test
    void everyCoreRouterRoutesEachPublicNetworkTowardItsSide() {
        List<Cmd> plan = Testbed.twoSites("ovl").configuration();
        // Site a (198.51.100.0/30) is west of c1 and c2, site b (198.51.100.4/30) and inet east of them.
        assertThat(plan).anySatisfy(c -> assertThat(c.argv()).containsSequence("ovl-c1", "route", "replace",
                "198.51.100.0/30", "via", "192.0.2.1"));
        assertThat(plan).anySatisfy(c -> assertThat(c.argv()).containsSequence("ovl-c2", "route", "replace",
                "198.51.100.4/30", "via", "192.0.2.10"));
        assertThat(plan).anySatisfy(c -> assertThat(c.argv()).containsSequence("ovl-r1", "route", "replace",
                "203.0.113.0/24", "via", "192.0.2.2"));
        assertThat(plan).anySatisfy(c -> assertThat(c.argv()).containsSequence("ovl-r2", "route", "replace",
                "198.51.100.0/30", "via", "192.0.2.9"));
    }

    @Test
    void aDelayedSiteDetoursThroughItsTunAndAPlainSiteLosesTheDetour() {
        Testbed tb = new Testbed("ovl", List.of(new Site("a", NatMode.MASQUERADE, 0, 0, 20), Site.plain("b")));
        List<Cmd> plan = tb.configuration();
        assertThat(plan).anySatisfy(c -> assertThat(c.argv()).containsSequence("ovl-r1", "tuntap", "add", "dev", "dly-a"));
        assertThat(plan).anySatisfy(c -> assertThat(c.argv()).containsSequence("rule", "add", "pref", "1001", "iif",
                "site-a", "lookup", "100"));
        assertThat(plan).anySatisfy(c -> assertThat(c.argv()).containsSequence("to", "198.51.100.0/30", "lookup", "100"));
        assertThat(plan).anySatisfy(c -> assertThat(c.argv()).containsSequence("ovl-r2", "tuntap", "del", "dev", "dly-b"));
        assertThat(plan).noneSatisfy(c -> assertThat(c.argv()).containsSequence("tuntap", "add", "dev", "dly-b"));
        assertThatThrownBy(() -> new Site("a", NatMode.MASQUERADE, 0, 0, Site.MAX_DELAY_MS + 1))
                .hasMessageContaining("delay");
    }

    @Test
    void theDelayLineAddsBackTheHopItsDetourCostsAndKeepsTheChecksumValid() {
        // An IPv4 header (20 bytes, TTL 7, UDP) with a valid checksum, then 4 payload bytes.
        byte[] p = HexFormat.of().parseHex("45000018abcd0000071100000a000102cb00710a" + "01020304");
        fixChecksum(p);
        DelayLine.compensateHop(p);
        assertThat(p[8]).isEqualTo((byte) 8);
        assertThat(onesComplementSum(p, 20)).as("header sums to 0xffff").isEqualTo(0xffff);
        byte[] max = p.clone();
        max[8] = (byte) 255;
        DelayLine.compensateHop(max);
        assertThat(max[8]).isEqualTo((byte) 255);
        byte[] notIpv4 = {0x60, 0, 0, 0};
        DelayLine.compensateHop(notIpv4);
        assertThat(notIpv4).containsExactly(0x60, 0, 0, 0);
    }

    private static void fixChecksum(byte[] p) {
        p[10] = 0;
        p[11] = 0;
        int check = ~onesComplementSum(p, 20) & 0xffff;
        p[10] = (byte) (check >> 8);
        p[11] = (byte) check;
    }

    private static int onesComplementSum(byte[] p, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += (p[i] & 0xff) << 8 | (p[i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return sum;
    }

    @Test
    void badDescriptionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Testbed.twoSites("Bad-Prefix")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> Testbed.twoSites("waytoolongprefix")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new Testbed("ovl", List.of(Site.plain("a")))).hasMessageContaining("2 to 26 sites");
        assertThatThrownBy(() -> new Testbed("ovl", List.of(Site.plain("a"), Site.plain("c"))))
                .hasMessageContaining("must be named 'b'");
        assertThatThrownBy(() -> new Site("a", NatMode.MASQUERADE, 101, 0)).hasMessageContaining("0..100");
        assertThatThrownBy(() -> NatMode.parse("cone")).hasMessageContaining("masquerade, random, fully-random");
        assertThat(NatMode.parse("Fully-Random")).isEqualTo(NatMode.FULLY_RANDOM);
    }

    @Test
    void nftScriptReplacesTheTableSoLoadingItTwiceDoesNotStackRules() {
        String script = NftRules.natTable(Site.plain("a"));
        assertThat(script).startsWith("table ip overlay_nat {\n}\ndelete table ip overlay_nat\n");
    }

    private static String nftScript(List<Cmd> plan, String ns) {
        return plan.stream().filter(c -> c.argv().contains(ns) && c.argv().contains("nft"))
                .map(Cmd::stdin).findFirst().orElseThrow();
    }
}
