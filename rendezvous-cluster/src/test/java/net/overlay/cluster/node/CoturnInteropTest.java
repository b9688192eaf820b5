package net.overlay.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.overlay.core.proto.rendezvous.InMemoryDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with Debian's coturn client tools (issue #6): {@code turnutils_stunclient} reads
 * its mapped address from a node's Binding response (RFC 8489), and {@code turnutils_natdiscovery}
 * runs the RFC 5780 mapping and filtering tests against a node that has an alternate address
 * (127.0.0.1 and 127.0.0.2, ports P and P+1). On loopback there is no NAT, so both behaviours must
 * come out endpoint-independent. Skips, saying so, when the tools are not installed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CoturnInteropTest {
    @TempDir
    static Path tmp;

    private static ClusterNode node;

    @BeforeAll
    static void startNode() throws IOException {
        node = ClusterNode.start(TestCluster.parse(TestCluster.loneNodeConfig(tmp.resolve("keys"), "")),
                ClusterNodeExtensions.of(new InMemoryDirectory()));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void stunclientReadsItsMappedAddressAndTheNodesRfc5780Answers() throws Exception {
        String tool = tool("turnutils_stunclient");
        int port = node.udpAddresses().getFirst().getPort();
        String out = run(List.of(tool, "-p", String.valueOf(port), "127.0.0.1"));
        // The tool sends three requests: a plain one; CHANGE-REQUEST (IP and port) with RESPONSE-PORT
        // set to its own port + 1, where it then listens; CHANGE-REQUEST with a 1500-byte PADDING
        // from that second socket. Each answer prints "UDP reflexive addr: IP:PORT".
        Matcher reflexive = Pattern.compile("UDP reflexive addr: ?:? ?127\\.0\\.0\\.1:(\\d+)").matcher(out);
        List<Integer> mapped = new ArrayList<>();
        while (reflexive.find()) {
            mapped.add(Integer.parseInt(reflexive.group(1)));
        }
        assertThat(mapped).as("three answers, each with the mapped address 127.0.0.1:port, in:%n%s", out).hasSize(3);
        // Loopback has no NAT: the mapped port is the tool's socket, the same one twice, then the second socket.
        assertThat(mapped.get(1)).isEqualTo(mapped.get(0));
        assertThat(mapped.get(2)).isEqualTo(mapped.get(0) + 1);
        String other = "127.0.0.2:" + (port + 1);
        assertThat(out).contains("Response origin: : 127.0.0.1:" + port).contains("Other addr: : " + other)
                .contains("Response origin: : " + other);
    }

    @Test
    void natdiscoveryFindsEndpointIndependentMappingAndFilteringOnLoopback() throws Exception {
        String tool = tool("turnutils_natdiscovery");
        int port = node.udpAddresses().getFirst().getPort();
        String out = run(List.of(tool, "-m", "-f", "-p", String.valueOf(port), "127.0.0.1"));
        // coturn prints "NAT with Endpoint Independent Mapping!" (and Filtering) after its RFC 5780 tests.
        assertThat(out).as(out).contains("Endpoint Independent Mapping").contains("Endpoint Independent Filtering")
                .doesNotContain("Dependent");
    }

    /** The tool's path, or the test is skipped with the reason. */
    private static String tool(String name) {
        Optional<String> found = List.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .stream().map(d -> Path.of(d, name)).filter(Files::isExecutable).map(Path::toString).findFirst();
        assumeTrue(found.isPresent(), name + " is not installed (Debian package coturn): interop not checked");
        return found.get();
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "tool", ".out");
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(20, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(String.join(" ", cmd) + "\n" + out);
        assertThat(done).as("%s finished within 20 s; it printed:%n%s", cmd.getFirst(), out).isTrue();
        return out;
    }
}
