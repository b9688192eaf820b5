package net.overlay.lab.testbed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.overlay.lab.testbed.Cmd;
import net.overlay.lab.testbed.Site;
import net.overlay.lab.testbed.Testbed;
import net.overlay.lab.testbed.TestbedAgents;
import net.overlay.lab.testbed.Tools;

/**
 * Issue #7 check 5: nmap scans of a device's site find no open port. From the internet host, TCP
 * and UDP scans of the site's NAT address, the UDP one sent from the rendezvous' own address and
 * port so that it passes the NAT's filter and reaches the device's registered socket; from the NAT
 * namespace, TCP and UDP scans of the device host itself, including the agent's UDP ports. A
 * control scan of nginx on the site's loopback shows the parsing does see an open port.
 */
final class DeviceScans {
    /** An nmap grepable-output port entry whose state is exactly {@code open}. */
    private static final Pattern OPEN = Pattern.compile("(\\d+)/open/");
    private static final Duration SCAN_LIMIT = Duration.ofSeconds(120);

    private DeviceScans() {
    }

    static void assertNothingOpen(Testbed tb, Site site, TestbedAgents agents, Path work) {
        String siteNs = tb.siteNs(site);
        String host = tb.siteHostAddress(site);
        List<Integer> agentPorts = agentUdpPorts(siteNs, host);
        assertThat(agentPorts).as("the device agent's UDP sockets").isNotEmpty();
        // The agent listens on no TCP port at all; only the services on loopback do.
        String tcpListeners = Tools.run(Cmd.in(siteNs, "ss", "-Htlnp")).out();
        assertThat(tcpListeners).doesNotContain("\"java\"");
        assertThat(tcpListeners.lines().map(l -> l.split("\\s+")[3])).allMatch(a -> a.startsWith("127.0.0.1:"));

        String ports = agentPorts.stream().map(String::valueOf).collect(Collectors.joining(","));
        String publicAddress = tb.natPublicAddress(site);
        int mappedPort = Integer.parseInt(agents.deviceSeenAs().substring(agents.deviceSeenAs().lastIndexOf(':') + 1));
        String inet = tb.ns("inet");
        List<String> scans = new ArrayList<>();
        scans.add(scan(inet, List.of("-sT", "-p", "1-1024," + ports + "," + mappedPort), publicAddress));
        scans.add(scanFromTheRendezvousEndpoint(inet, List.of("-sU", "-g", String.valueOf(TestbedAgents.RENDEZVOUS_PORT),
                "-p", mappedPort + ",53,123,161,500,3478,4500"), publicAddress));
        scans.add(scan(tb.natNs(site), List.of("-sT", "-p", "1-1024," + ports), host));
        scans.add(scan(tb.natNs(site), List.of("-sU", "-p", ports + ",53,123,161"), host));
        for (String s : scans) {
            assertThat(s).as("the scan got answers (closed ports)").contains("closed");
            assertThat(OPEN.matcher(s).find()).as("an open port in:\n" + s).isFalse();
        }
        // The device's UDP ports, probed directly from its NAT, stay silent: nmap can only say open|filtered.
        assertThat(scans.get(3)).contains(agentPorts.getFirst() + "/open|filtered/udp");
        String control = scan(siteNs, List.of("-sT", "-p", String.valueOf(SiteServers.HTTP_PORT)), "127.0.0.1");
        assertThat(OPEN.matcher(control).find()).as("control: nginx on loopback is open\n" + control).isTrue();
    }

    /**
     * The UDP scan sent from the rendezvous' own endpoint reaches the device's registered socket,
     * but nmap counts any datagram from that socket to that endpoint as an answer, and the device
     * does send one there now and then: its keepalive (every 25 s or so). A scan that lands on a
     * keepalive reports the port open once; a device that answers probes would do so every time.
     * So a scan that reports an open port is repeated, up to three scans, and the result is the
     * first scan with nothing open, or the last one.
     */
    private static String scanFromTheRendezvousEndpoint(String ns, List<String> options, String target) {
        String result = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            result = scan(ns, options, target);
            if (!OPEN.matcher(result).find()) {
                return result;
            }
            System.out.println("an answer from the rendezvous-facing socket: scanning again to tell a keepalive from a reply");
        }
        return result;
    }

    /** The local UDP ports of the java process on {@code host} in {@code ns} (the agent). */
    private static List<Integer> agentUdpPorts(String ns, String host) {
        String ss = Tools.run(Cmd.in(ns, "ss", "-Huanp")).out();
        Matcher m = Pattern.compile(Pattern.quote(host) + ":(\\d+)\\s.*\"java\"").matcher(ss);
        List<Integer> ports = new ArrayList<>();
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    /** Runs nmap with {@code options} against {@code target} in {@code ns}; returns its grepable output. */
    private static String scan(String ns, List<String> options, String target) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, "nmap", "-Pn", "-n", "-T4",
                "--max-retries", "1", "-oG", "-"));
        argv.addAll(options);
        argv.add(target);
        Tools.Result r = Tools.tryRun(new Cmd(argv, "", false), SCAN_LIMIT);
        assertThat(r.ok()).as("nmap " + options + ": " + r.err()).isTrue();
        System.out.println("nmap " + String.join(" ", options) + " " + target + " (in " + ns + "):\n"
                + r.out().lines().filter(l -> l.startsWith("Host:")).collect(Collectors.joining("\n")));
        return r.out();
    }
}
