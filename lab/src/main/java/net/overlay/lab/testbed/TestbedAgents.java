package net.overlay.lab.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.overlay.core.node.SystemRandomSource;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.proto.identity.Identity;

/**
 * The real agents inside a testbed, each a separate {@code ./overlay} JVM started with
 * {@code ip netns exec}: the dev rendezvous ({@code rendezvous start --dev}) on the internet host's
 * two addresses, one device agent ({@code device run}) on a site's host, and any number of clients
 * ({@code connect DEVICE SERVICE}) on another site's host. Keys, the dev directory and the agent
 * files are generated into a work folder, as docs/tunnels.md describes them; switching to the
 * clustered rendezvous later changes the rendezvous command and the agents' {@code rendezvous}
 * section only.
 *
 * <p>Each client has its own user identity, holding a grant for its one service. Callers: the
 * testbed integration tests. Not thread-safe; {@link #close()} stops every process it started.
 */
public final class TestbedAgents implements AutoCloseable {
    /** The device's name in the directory and in {@code connect}. */
    public static final String DEVICE = "camera-1";
    /** The rendezvous' first port; the second is the next one. */
    public static final int RENDEZVOUS_PORT = 3478;
    /** JVM start plus RFC 5780 discovery on a busy 2-core machine: a bound, not an expectation. */
    private static final Duration START = Duration.ofSeconds(60);

    private final Testbed tb;
    private final Path work;
    private final Identity rendezvous;
    private final Identity owner;
    private final Identity device;
    private final Map<String, Identity> users = new LinkedHashMap<>();
    private final List<NsProcess> processes = new ArrayList<>();
    private NsProcess rendezvousProcess;
    private int rendezvousStarts;
    private NsProcess deviceProcess;
    private String deviceSeenAs;

    private TestbedAgents(Testbed tb, Path work) {
        this.tb = tb;
        this.work = work;
        SystemRandomSource random = new SystemRandomSource();
        this.rendezvous = Identity.generate(random);
        this.owner = Identity.generate(random);
        this.device = Identity.generate(random);
    }

    /**
     * Writes keys and files into {@code work}, starts the rendezvous in {@code PREFIX-inet} and the
     * device on {@code deviceSite}'s host offering {@code services} (name to {@code ip:port} on the
     * device host), and waits until the device is registered. Each service gets its own user.
     */
    public static TestbedAgents start(Testbed tb, Path work, Site deviceSite, Map<String, String> services)
            throws IOException {
        TestbedAgents a = new TestbedAgents(tb, work);
        try {
            a.writeFiles(deviceSite, services);
            a.startRendezvous();
            a.startDevice(deviceSite);
            return a;
        } catch (IOException | RuntimeException e) {
            a.close();
            throw e;
        }
    }

    /**
     * Starts {@code connect DEVICE service} on {@code site}'s host and waits until it listens.
     *
     * @return the running client and its local TCP port
     */
    public Client connect(Site site, String service) throws IOException {
        if (!users.containsKey(service)) {
            throw new IllegalArgumentException("no user was granted service " + service + "; granted: " + users.keySet());
        }
        Path conf = work.resolve("client-" + service + ".conf");
        // The agent's UDP sockets bind to the site host's own address: its host candidate.
        write(conf.getFileName().toString(), agentFile("user-" + service, tb.siteHostAddress(site)));
        NsProcess p = NsProcess.start("client " + service, tb.siteNs(site),
                JavaCommand.overlay("connect", DEVICE, service, "--local", "127.0.0.1:0", "--config", conf.toString()),
                work.resolve("client-" + service + ".log"));
        processes.add(p);
        Matcher m = p.awaitLine(Pattern.compile("listening on tcp 127\\.0\\.0\\.1:(\\d+)"), START);
        return new Client(p, Integer.parseInt(m.group(1)));
    }

    /** A running {@code connect}: its process and local port. */
    public record Client(NsProcess process, int port) {
        /** Waits for the client's report that its session took the direct path; returns the remote. */
        public String awaitDirect(Duration timeout) {
            return process.awaitLine(Pattern.compile("direct path /?(\\S+)"), timeout).group(1);
        }

        /** Waits until the client has a session with the device (over the relay at first). */
        public void awaitSession(Duration timeout) {
            process.awaitLine(Pattern.compile("session with .* for "), timeout);
        }
    }

    /**
     * Starts the rendezvous again after it was killed, with the same keys, directory and addresses
     * (its output in {@code rendezvous-N.log}), and waits until it listens. For the fault tests.
     */
    public void restartRendezvous() throws IOException {
        if (rendezvousProcess.isAlive()) {
            throw new IllegalStateException("the rendezvous still runs; kill it first");
        }
        startRendezvous();
    }

    public NsProcess rendezvousProcess() {
        return rendezvousProcess;
    }

    public NsProcess deviceProcess() {
        return deviceProcess;
    }

    /** The device's server-reflexive address as the rendezvous reported it ({@code ip:port}). */
    public String deviceSeenAs() {
        return deviceSeenAs;
    }

    /** Stops every process started here (SIGTERM, then SIGKILL), clients first. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }

    private void writeFiles(Site deviceSite, Map<String, String> services) throws IOException {
        Files.createDirectories(work);
        KeyDirectory.write(work.resolve("rv"), rendezvous, true);
        KeyDirectory.write(work.resolve("owner"), owner, true);
        KeyDirectory.write(work.resolve("dev"), device, true);
        StringBuilder grants = new StringBuilder();
        for (String service : services.keySet()) {
            Identity user = Identity.generate(new SystemRandomSource());
            users.put(service, user);
            KeyDirectory.write(work.resolve("user-" + service), user, true);
            grants.append("  { owner-keys = \"owner\", user = \"").append(user.peerId().text())
                    .append("\", device = \"").append(DEVICE).append("\", services = [").append(quote(service))
                    .append("], valid-days = 1 }\n");
        }
        write("directory.conf", "devices = [ { name = \"" + DEVICE + "\", peer-id = \"" + device.peerId().text()
                + "\", owner = \"" + owner.peerId().text() + "\" } ]\ngrants = [\n" + grants + "]\n");
        StringBuilder dev = new StringBuilder(agentFile("dev", tb.siteHostAddress(deviceSite)));
        dev.append("device { name = \"").append(DEVICE).append("\", owner = \"").append(owner.peerId().text())
                .append("\" }\nservices {\n");
        services.forEach((name, at) -> dev.append("  ").append(quote(name)).append(" = \"").append(at).append("\"\n"));
        dev.append("}\n");
        write("device.conf", dev.toString());
    }

    private String agentFile(String keys, String localAddress) {
        return "keys = \"" + keys + "\"\n"
                + "local-address = \"" + localAddress + "\"\n"
                + "rendezvous { address = \"" + Testbed.INET_ADDRESSES.getFirst() + ":" + RENDEZVOUS_PORT
                + "\", peer-id = \"" + rendezvous.peerId().text() + "\", static-key = \""
                + Base64.getEncoder().encodeToString(rendezvous.staticPublicKey().toArray()) + "\" }\n";
    }

    private void startRendezvous() throws IOException {
        rendezvousProcess = NsProcess.start("rendezvous", tb.ns("inet"), JavaCommand.overlay("rendezvous", "start",
                "--dev", "--addresses", String.join(",", Testbed.INET_ADDRESSES), "--port",
                String.valueOf(RENDEZVOUS_PORT), "--keys", work.resolve("rv").toString(), "--directory",
                work.resolve("directory.conf").toString()),
                work.resolve(rendezvousStarts++ == 0 ? "rendezvous.log" : "rendezvous-" + rendezvousStarts + ".log"));
        processes.add(rendezvousProcess);
        rendezvousProcess.awaitLine(Pattern.compile("rendezvous \\(dev\\) listening"), START);
    }

    private void startDevice(Site site) throws IOException {
        deviceProcess = NsProcess.start("device", tb.siteNs(site),
                JavaCommand.overlay("device", "run", "--config", work.resolve("device.conf").toString()),
                work.resolve("device.log"));
        processes.add(deviceProcess);
        deviceSeenAs = deviceProcess.awaitLine(Pattern.compile("rendezvous ready, seen as /?(\\S+)"), START).group(1);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(work.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
