package net.overlay.lab.testbed;

import java.util.ArrayList;
import java.util.List;

/**
 * Description of one namespace testbed and the commands that build it. Pure: nothing here runs a
 * tool; {@link TestbedControl} does. Immutable, so safe to share.
 *
 * <p>Topology (namespaces are {@code PREFIX-NAME}): sites with even index hang off router
 * {@code r1}, odd ones off {@code r2}; {@code r1} and {@code r2} are joined through a chain of
 * {@code coreHops} core routers {@code c1..cN} and the internet host {@code inet} (where
 * rendezvous nodes run) sits behind {@code r2}. So site a reaches site b, and {@code inet}, over
 * {@code 2 + coreHops} routers.
 *
 * <pre>
 *  site-a --lan-- nat-a --wan-- r1 ==core== c1 == c2 ==core== r2 --wan-- nat-b --lan-- site-b
 *   10.0.1.2        198.51.100.2      192.0.2.0/30, .4/30, .8/30       198.51.100.6      10.0.2.2
 *                                                                 |
 *                                                               inet 203.0.113.10, 203.0.113.11
 * </pre>
 *
 * <p>Why core routers: the agents prime their own NAT with packets of TTL 4 (PunchConfig), which
 * must die before the far NAT, or the far NAT's conntrack takes them for an inbound flow and remaps
 * its own side's outbound mapping (the collision of REFERENCE.md). With no core router the far NAT
 * is 3 forwarding hops away and priming defeats punching; the real internet has many more.
 *
 * Only documentation ranges (RFC 5737) are used between namespaces and RFC 1918 ranges inside the
 * sites; routers hold no route to the private ranges, so nothing enters a site without a mapping.
 *
 * @param prefix namespace prefix, a lower-case letter then up to 7 letters or digits
 * @param sites two or more sites, named a, b, c, ... in order
 */
public record Testbed(String prefix, List<Site> sites, int coreHops) {

    /** Prefix of the default testbed. */
    public static final String DEFAULT_PREFIX = "ovl";
    /** Core routers between r1 and r2 by default: the far NAT is then 5 forwarding hops from a site. */
    public static final int DEFAULT_CORE_HOPS = 2;
    /** Our choice: enough for any TTL experiment, and every core link fits in 192.0.2.0/24. */
    public static final int MAX_CORE_HOPS = 16;
    /** The internet host's addresses: two, so RFC 5780 style discovery has a second address. */
    public static final List<String> INET_ADDRESSES = List.of("203.0.113.10", "203.0.113.11");

    public Testbed {
        if (!prefix.matches("[a-z][a-z0-9]{0,7}")) {
            throw new IllegalArgumentException("prefix must be a lower-case letter then up to 7 letters or digits: '"
                    + prefix + "'");
        }
        sites = List.copyOf(sites);
        if (coreHops < 0 || coreHops > MAX_CORE_HOPS) {
            throw new IllegalArgumentException("core hops must be 0.." + MAX_CORE_HOPS + ", not " + coreHops);
        }
        if (sites.size() < 2 || sites.size() > 26) {
            throw new IllegalArgumentException("a testbed has 2 to 26 sites, not " + sites.size());
        }
        for (int i = 0; i < sites.size(); i++) {
            String expected = String.valueOf((char) ('a' + i));
            if (!sites.get(i).name().equals(expected)) {
                throw new IllegalArgumentException("site " + i + " must be named '" + expected + "'");
            }
        }
    }

    /** A testbed with the default number of core routers. */
    public Testbed(String prefix, List<Site> sites) {
        this(prefix, sites, DEFAULT_CORE_HOPS);
    }

    /** Two plain sites a and b. */
    public static Testbed twoSites(String prefix) {
        return new Testbed(prefix, List.of(Site.plain("a"), Site.plain("b")));
    }

    /** Routers that forward a packet from one site's NAT to a site (or {@code inet}) on the other router. */
    public int routersBetweenSites() {
        return 2 + coreHops;
    }

    /** The full name of namespace {@code role}, e.g. {@code ns("inet")} is {@code ovl-inet}. */
    public String ns(String role) {
        return prefix + "-" + role;
    }

    public String siteNs(Site s) {
        return ns("site-" + s.name());
    }

    public String natNs(Site s) {
        return ns("nat-" + s.name());
    }

    /** The host address of a site on its private LAN. */
    public String siteHostAddress(Site s) {
        return "10.0." + (index(s) + 1) + ".2";
    }

    /** The public (WAN) address of a site's NAT: what peers see as its server-reflexive address. */
    public String natPublicAddress(Site s) {
        return "198.51.100." + (4 * index(s) + 2);
    }

    /** Every namespace of this testbed, in creation order. */
    public List<String> namespaces() {
        List<String> all = new ArrayList<>(List.of(ns("inet"), ns("r1"), ns("r2")));
        for (int k = 1; k <= coreHops; k++) {
            all.add(ns("c" + k));
        }
        for (Site s : sites) {
            all.add(natNs(s));
            all.add(siteNs(s));
        }
        return all;
    }

    /** Every veth pair. */
    public List<Link> links() {
        List<Link> all = new ArrayList<>();
        for (int k = 0; k <= coreHops; k++) {
            all.add(new Link(coreRouter(k), k == 0 ? "core" : "east", coreRouter(k + 1), k == coreHops ? "core" : "west"));
        }
        all.add(new Link(ns("r2"), "inet", ns("inet"), "eth0"));
        for (Site s : sites) {
            all.add(new Link(router(s), "site-" + s.name(), natNs(s), "wan"));
            all.add(new Link(natNs(s), "lan", siteNs(s), "eth0"));
        }
        return all;
    }

    /**
     * The idempotent configuration run after namespaces and links exist: addresses, routes,
     * forwarding, NAT and impairments. Running it twice leaves the same state.
     */
    public List<Cmd> configuration() {
        List<Cmd> cmds = new ArrayList<>();
        for (String n : namespaces()) {
            cmds.add(Cmd.of("ip", "-n", n, "link", "set", "lo", "up"));
        }
        for (Link l : links()) {
            cmds.add(Cmd.of("ip", "-n", l.nsA(), "link", "set", l.ifA(), "up"));
            cmds.add(Cmd.of("ip", "-n", l.nsB(), "link", "set", l.ifB(), "up"));
        }
        core(cmds);
        for (Site s : sites) {
            site(cmds, s);
        }
        return cmds;
    }

    private void core(List<Cmd> cmds) {
        String inet = ns("inet");
        // Core link k (0..coreHops) joins coreRouter(k) and coreRouter(k+1): 192.0.2.4k+1 and .4k+2.
        List<Link> links = links();
        for (int k = 0; k <= coreHops; k++) {
            Link l = links.get(k);
            cmds.add(addr(l.nsA(), l.ifA(), coreAddress(k, true) + "/30"));
            cmds.add(addr(l.nsB(), l.ifB(), coreAddress(k, false) + "/30"));
        }
        cmds.add(addr(ns("r2"), "inet", "203.0.113.1/24"));
        for (String a : INET_ADDRESSES) {
            cmds.add(addr(inet, "eth0", a + "/24"));
        }
        cmds.add(route(inet, "default", "203.0.113.1"));
        // Everything on r2's side (inet) goes east from r1 and every core router.
        for (int k = 0; k <= coreHops; k++) {
            cmds.add(route(coreRouter(k), "203.0.113.0/24", coreAddress(k, false)));
        }
        for (int k = 0; k <= coreHops + 1; k++) {
            cmds.add(Cmd.in(coreRouter(k), "sysctl", "-qw", "net.ipv4.ip_forward=1"));
        }
    }

    /** Router {@code k} along the core: 0 is r1, coreHops+1 is r2, those between are c1..cN. */
    private String coreRouter(int k) {
        return k == 0 ? ns("r1") : k == coreHops + 1 ? ns("r2") : ns("c" + k);
    }

    /** The west ({@code west}) or east end of core link {@code k}. */
    private static String coreAddress(int k, boolean west) {
        return "192.0.2." + (4 * k + (west ? 1 : 2));
    }

    private void site(List<Cmd> cmds, Site s) {
        int i = index(s);
        String nat = natNs(s);
        String host = siteNs(s);
        String router = router(s);
        String wanNet = "198.51.100." + (4 * i) + "/30";
        String routerWan = "198.51.100." + (4 * i + 1);
        cmds.add(addr(router, "site-" + s.name(), routerWan + "/30"));
        cmds.add(addr(nat, "wan", natPublicAddress(s) + "/30"));
        cmds.add(addr(nat, "lan", "10.0." + (i + 1) + ".1/24"));
        cmds.add(addr(host, "eth0", siteHostAddress(s) + "/24"));
        cmds.add(route(host, "default", "10.0." + (i + 1) + ".1"));
        cmds.add(route(nat, "default", routerWan));
        // Every router along the core but the site's own reaches its public /30 toward the site's side.
        boolean onR1 = router.equals(ns("r1"));
        for (int k = 0; k <= coreHops + 1; k++) {
            if (onR1 && k > 0) {
                cmds.add(route(coreRouter(k), wanNet, coreAddress(k - 1, true)));
            } else if (!onR1 && k <= coreHops) {
                cmds.add(route(coreRouter(k), wanNet, coreAddress(k, false)));
            }
        }
        cmds.add(Cmd.in(nat, "sysctl", "-qw", "net.ipv4.ip_forward=1"));
        cmds.add(Cmd.in(nat, "nft", "-f", "-").withStdin(NftRules.natTable(s)));
        if (s.rateKbit() > 0) {
            // tbf needs a bucket of at least one MTU; 10 ms worth of rate keeps bursts short.
            int burstBytes = Math.max(1600, s.rateKbit() * 1000 / 8 / 100);
            cmds.add(Cmd.in(nat, "tc", "qdisc", "replace", "dev", "wan", "root", "tbf",
                    "rate", s.rateKbit() + "kbit", "burst", String.valueOf(burstBytes), "latency", "100ms"));
        } else {
            cmds.add(Cmd.in(nat, "tc", "qdisc", "del", "dev", "wan", "root").allowingFailure());
        }
        delayDetour(cmds, s, wanNet);
    }

    /**
     * Policy routing that sends both directions of a site's link through its TUN interface in the
     * router, where a {@link DelayLine} holds each packet: what arrives from the site, and what is
     * addressed to the site's public /30, is looked up in the site's table (default route into the
     * TUN); what the delay line writes back arrives on the TUN and takes the main table. Without a
     * delay line the rules and the TUN are removed. Rules are deleted by preference before being added,
     * so running this twice leaves one of each.
     */
    private void delayDetour(List<Cmd> cmds, Site s, String wanNet) {
        String r = router(s);
        String tun = delayTun(s);
        String table = String.valueOf(100 + index(s));
        int pref = 1000 + 10 * index(s);
        for (int k = 0; k < 3; k++) {
            cmds.add(Cmd.of("ip", "-n", r, "rule", "del", "pref", String.valueOf(pref + k)).allowingFailure());
        }
        if (!s.hasDelayLine()) {
            cmds.add(Cmd.of("ip", "-n", r, "route", "flush", "table", table).allowingFailure());
            cmds.add(Cmd.of("ip", "-n", r, "tuntap", "del", "dev", tun, "mode", "tun").allowingFailure());
            return;
        }
        // Fails harmlessly when the TUN exists already (a second 'up').
        cmds.add(Cmd.of("ip", "-n", r, "tuntap", "add", "dev", tun, "mode", "tun").allowingFailure());
        cmds.add(Cmd.of("ip", "-n", r, "link", "set", tun, "up"));
        // The packet re-enters on the TUN with the site's addresses: strict reverse-path filtering would drop it.
        cmds.add(Cmd.in(r, "sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0"));
        cmds.add(Cmd.in(r, "sysctl", "-qw", "net.ipv4.conf." + tun + ".rp_filter=0"));
        cmds.add(Cmd.of("ip", "-n", r, "route", "replace", "default", "dev", tun, "table", table));
        cmds.add(Cmd.of("ip", "-n", r, "rule", "add", "pref", String.valueOf(pref), "iif", tun, "lookup", "main"));
        cmds.add(Cmd.of("ip", "-n", r, "rule", "add", "pref", String.valueOf(pref + 1), "iif", "site-" + s.name(),
                "lookup", table));
        cmds.add(Cmd.of("ip", "-n", r, "rule", "add", "pref", String.valueOf(pref + 2), "to", wanNet, "lookup", table));
    }

    /** The namespace of the router a site hangs off, where its delay line runs. */
    public String routerNs(Site s) {
        return router(s);
    }

    /** The TUN interface of a site's delay line, in {@link #routerNs}. */
    public String delayTun(Site s) {
        return "dly-" + s.name();
    }

    private String router(Site s) {
        return index(s) % 2 == 0 ? ns("r1") : ns("r2");
    }

    private int index(Site s) {
        return s.name().charAt(0) - 'a';
    }

    private static Cmd addr(String ns, String dev, String cidr) {
        return Cmd.of("ip", "-n", ns, "addr", "replace", cidr, "dev", dev);
    }

    private static Cmd route(String ns, String dest, String via) {
        return Cmd.of("ip", "-n", ns, "route", "replace", dest, "via", via);
    }
}
