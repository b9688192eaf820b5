package net.overlay.lab.testbed;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which path carried a session's UDP, measured by the kernel rather than told by the agents:
 * nftables named counters in the router of the client's site, on the core link toward the other
 * router. UDP between the two sites' NAT addresses is the direct path; UDP between the client's
 * NAT and the internet host is the rendezvous and relay. The two sites must hang off different
 * routers (sites a and b do), so both paths cross the core link. Callers: integration tests.
 */
public final class PathMeter {
    private static final String TABLE = "overlay_meter";
    private static final Pattern BYTES = Pattern.compile("packets (\\d+) bytes (\\d+)");

    /** Counter totals at one moment. */
    public record Reading(long directBytes, long relayBytes) {
        /** What flowed between {@code earlier} and this reading. */
        public Reading minus(Reading earlier) {
            return new Reading(directBytes - earlier.directBytes, relayBytes - earlier.relayBytes);
        }
    }

    private final String routerNs;

    private PathMeter(String routerNs) {
        this.routerNs = routerNs;
    }

    /** Installs (or resets) the counters for traffic between {@code client}'s and {@code device}'s sites. */
    public static PathMeter install(Testbed tb, Site client, Site device) {
        if (tb.routerNs(client).equals(tb.routerNs(device))) {
            throw new IllegalArgumentException("sites " + client.name() + " and " + device.name()
                    + " share a router: their direct path does not cross the core link");
        }
        String c = tb.natPublicAddress(client);
        String d = tb.natPublicAddress(device);
        String inet = "203.0.113.0/24";
        String script = "table ip " + TABLE + " {\n}\n"
                + "delete table ip " + TABLE + "\n"
                + "table ip " + TABLE + " {\n"
                + "  counter direct {\n  }\n"
                + "  counter relay {\n  }\n"
                + "  chain forward {\n"
                + "    type filter hook forward priority 0; policy accept;\n"
                + "    iifname \"core\" ip saddr " + d + " ip daddr " + c + " meta l4proto udp counter name \"direct\"\n"
                + "    oifname \"core\" ip saddr " + c + " ip daddr " + d + " meta l4proto udp counter name \"direct\"\n"
                + "    iifname \"core\" ip saddr " + inet + " ip daddr " + c + " meta l4proto udp counter name \"relay\"\n"
                + "    oifname \"core\" ip saddr " + c + " ip daddr " + inet + " meta l4proto udp counter name \"relay\"\n"
                + "  }\n"
                + "}\n";
        String ns = tb.routerNs(client);
        Tools.run(Cmd.in(ns, "nft", "-f", "-").withStdin(script));
        return new PathMeter(ns);
    }

    /** The bytes counted so far on each path (IP packet sizes, both directions). */
    public Reading read() {
        return new Reading(bytes("direct"), bytes("relay"));
    }

    private long bytes(String counter) {
        String out = Tools.run(Cmd.in(routerNs, "nft", "list", "counter", "ip", TABLE, counter)).out();
        Matcher m = BYTES.matcher(out);
        if (!m.find()) {
            throw new TestbedException("cannot read counter " + counter + " in " + routerNs + ": " + out);
        }
        return Long.parseLong(m.group(2));
    }
}
