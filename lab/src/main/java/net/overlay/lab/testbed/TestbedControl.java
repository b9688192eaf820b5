package net.overlay.lab.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a {@link Testbed} up, tears it down and reports what exists, by running the system tools.
 * Called by {@code ./overlay testbed} and by tests. Not thread-safe for the same prefix: two
 * {@code up} runs on one prefix at once race on creating the same namespaces.
 */
public final class TestbedControl {
    /** A JVM starting on a busy 2-core machine takes seconds; this is the bound, not the expectation. */
    private static final Duration DELAY_LINE_START = Duration.ofSeconds(60);
    private static final Duration KILL_GRACE = Duration.ofSeconds(3);
    /** A delay line's TUN name at the start of its arguments, with the site's letter. */
    private static final Pattern DELAY_TUN = Pattern.compile("dly-([a-z])\\b");

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
        // Old delay lines go first: a TUN that a process holds open cannot be deleted or re-set.
        for (String router : List.of(tb.ns("r1"), tb.ns("r2"))) {
            for (long pid : pids(router)) {
                if (commandLine(pid).map(c -> c.contains(DelayLine.class.getName())).orElse(false)) {
                    kill(pid);
                }
            }
        }
        for (Cmd c : tb.configuration()) {
            Tools.run(c);
        }
        for (Site s : tb.sites()) {
            if (s.hasDelayLine()) {
                startDelayLine(tb, s);
            }
        }
    }

    /**
     * Starts the site's delay line in a session of its own, so that it outlives {@code ./overlay
     * testbed up}, and waits until it is attached to its TUN.
     */
    private static void startDelayLine(Testbed tb, Site s) {
        String ns = tb.routerNs(s);
        String tun = tb.delayTun(s);
        Path log = logDir(tb.prefix()).resolve("delay-" + s.name() + ".log");
        Path stats = delayStatsFile(tb.prefix(), s.name());
        try {
            // The old line's counters must not be read as the new one's.
            Files.deleteIfExists(stats);
            NsProcess p = NsProcess.start("delay line " + tun, ns, JavaCommand.of(DelayLine.class.getName(),
                    DelayLine.Options.argv(tun, s.delayMs(), s.variation(), stats)), log, true);
            p.awaitLine(Pattern.compile("delay line .* ready"), DELAY_LINE_START);
        } catch (IOException e) {
            throw new TestbedException("cannot start the delay line of site " + s.name() + ": " + e.getMessage());
        }
    }

    /** The file where site {@code siteName}'s delay line keeps its counters, rewritten every second. */
    public static Path delayStatsFile(String prefix, String siteName) {
        return logDir(prefix).resolve("delay-" + siteName + ".stats");
    }

    /**
     * The counters of site {@code siteName}'s delay line as of its last write (at most a second
     * old while it runs; final once it stopped); empty when that site has no line or it wrote none.
     * Readable after {@link #down}: the files stay in {@link #logDir}.
     */
    public static Optional<DelayLineStats> delayStats(String prefix, String siteName) {
        try {
            return DelayLineStats.parse(Files.readString(delayStatsFile(prefix, siteName)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where the testbed's own processes (delay lines) write their output. */
    public static Path logDir(String prefix) {
        return Path.of(System.getProperty("java.io.tmpdir"), "overlay-testbed-" + prefix);
    }

    /**
     * Deletes every namespace named {@code PREFIX-...}; their veths go with them. Safe to run twice.
     *
     * @return the namespaces deleted
     */
    public static List<String> down(String prefix) {
        List<String> deleted = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        // A namespace lives on while a process is inside it: stop everything first (delay lines,
        // agents, servers a test left behind), so deleting it really frees it.
        for (String ns : namespaces(prefix)) {
            pids(ns).forEach(TestbedControl::kill);
        }
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

    /** The processes running inside namespace {@code ns} ({@code ip netns pids}); empty when there is none. */
    public static List<Long> pids(String ns) {
        Tools.Result r = Tools.tryRun(Cmd.of("ip", "netns", "pids", ns));
        long self = ProcessHandle.current().pid();
        return r.out().lines().map(String::strip).filter(l -> l.matches("\\d+")).map(Long::parseLong)
                .filter(pid -> pid != self).toList();
    }

    /** SIGTERM, then SIGKILL after a short grace; a process already gone is fine. Bounded. */
    private static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroy();
            if (!awaitExit(h)) {
                h.destroyForcibly();
                awaitExit(h);
            }
        });
    }

    private static boolean awaitExit(ProcessHandle h) {
        try {
            h.onExit().get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static Optional<String> commandLine(long pid) {
        // Not ProcessHandle.Info.commandLine(): it came back empty for the delay line's command
        // line (5 KB with the class path), so status missed the line; /proc has all of it.
        try {
            return Optional.of(Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' '));
        } catch (IOException e) {
            return Optional.empty();
        }
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
            for (long pid : pids(ns)) {
                commandLine(pid).filter(c -> c.contains(DelayLine.class.getName())).ifPresent(c -> {
                    String line = c.substring(Math.max(0, c.lastIndexOf("dly-")))
                            .replaceAll(" --stats \\S+", "").strip();
                    b.append("  delay line: ").append(line);
                    Matcher site = DELAY_TUN.matcher(line);
                    if (site.lookingAt()) {
                        delayStats(prefix, site.group(1)).ifPresent(st -> b.append(" (").append(st.line()).append(')'));
                    }
                    b.append('\n');
                });
            }
        }
        return b.toString();
    }
}
