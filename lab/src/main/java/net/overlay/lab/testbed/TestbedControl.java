package net.overlay.lab.testbed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Brings a {@link Testbed} up, tears it down and reports what exists, by running the system tools.
 * Called by {@code ./overlay testbed} and by tests. Not thread-safe for the same prefix: two
 * {@code up} runs on one prefix at once race on creating the same namespaces.
 */
public final class TestbedControl {

    private TestbedControl() {
    }

    /** True when this process runs as root (namespaces, nftables and tc need it). */
    public static boolean isRoot() {
        Tools.Result r = Tools.tryRun(Cmd.of("id", "-u"));
        return r.ok() && r.out().strip().equals("0");
    }

    /**
     * Creates what is missing and (re)applies the whole configuration; safe to run again on an
     * existing testbed. On failure the partial testbed stays for inspection; {@link #down} clears it.
     */
    public static void up(Testbed tb) {
        List<String> existing = namespaces(tb.prefix());
        for (String ns : tb.namespaces()) {
            if (!existing.contains(ns)) {
                Tools.run(Cmd.of("ip", "netns", "add", ns));
            }
        }
        for (Link l : tb.links()) {
            if (!Tools.tryRun(Cmd.of("ip", "-n", l.nsA(), "link", "show", "dev", l.ifA())).ok()) {
                // Both ends are born inside their namespaces: no name ever appears in the host's namespace.
                Tools.run(Cmd.of("ip", "link", "add", l.ifA(), "netns", l.nsA(), "type", "veth",
                        "peer", "name", l.ifB(), "netns", l.nsB()));
            }
        }
        for (Cmd c : tb.configuration()) {
            Tools.run(c);
        }
    }

    /**
     * Deletes every namespace named {@code PREFIX-...}; their veths go with them. Safe to run twice.
     *
     * @return the namespaces deleted
     */
    public static List<String> down(String prefix) {
        List<String> deleted = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String ns : namespaces(prefix)) {
            Tools.Result r = Tools.tryRun(Cmd.of("ip", "netns", "del", ns));
            if (r.ok()) {
                deleted.add(ns);
            } else {
                failures.add(ns + ": " + r.err().strip());
            }
        }
        if (!failures.isEmpty()) {
            // Carry on through all namespaces first so one stuck namespace does not leave the rest behind.
            throw new TestbedException("could not delete " + String.join("; ", failures));
        }
        return deleted;
    }

    /** Namespaces named {@code PREFIX-...}, sorted. */
    public static List<String> namespaces(String prefix) {
        Tools.Result r = Tools.run(Cmd.of("ip", "netns", "list"));
        // Lines look like "ovl-inet (id: 3)" or just "ovl-inet".
        return Arrays.stream(r.out().split("\n"))
                .map(line -> line.strip().split("\\s+")[0])
                .filter(name -> name.startsWith(prefix + "-"))
                .sorted()
                .toList();
    }

    /** A human-readable report: each namespace with its addresses, and each NAT's rules. */
    public static String status(String prefix) {
        List<String> all = namespaces(prefix);
        if (all.isEmpty()) {
            return "no testbed with prefix '" + prefix + "'\n";
        }
        StringBuilder b = new StringBuilder();
        for (String ns : all) {
            b.append(ns).append('\n');
            for (String line : Tools.tryRun(Cmd.of("ip", "-n", ns, "-br", "addr", "show")).out().split("\n")) {
                if (!line.isBlank() && !line.startsWith("lo ")) {
                    // Link-local IPv6 addresses are noise here: the testbed is IPv4.
                    b.append("  ").append(line.strip().replaceAll("\\s+fe80::\\S+", "").replaceAll("\\s+", " "))
                            .append('\n');
                }
            }
            if (ns.startsWith(prefix + "-nat-")) {
                Tools.Result nft = Tools.tryRun(Cmd.in(ns, "nft", "list", "table", "ip", NftRules.TABLE));
                nft.out().lines().map(String::strip)
                        .filter(l -> l.contains("masquerade") || l.contains("numgen"))
                        .forEach(l -> b.append("  nft: ").append(l).append('\n'));
                Tools.Result tc = Tools.tryRun(Cmd.in(ns, "tc", "qdisc", "show", "dev", "wan"));
                tc.out().lines().filter(l -> l.contains("tbf"))
                        .forEach(l -> b.append("  tc: ").append(l.strip()).append('\n'));
            }
        }
        return b.toString();
    }
}
