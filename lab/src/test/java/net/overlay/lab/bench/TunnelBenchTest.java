package net.overlay.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.overlay.core.node.tunnel.LoopbackTunnel;
import net.overlay.core.node.tunnel.TunnelNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bench's paths carry the bytes intact (count and SHA-256 at the sink); speed is not judged.
 * Rows of missing tools say so.
 */
@Timeout(60)
class TunnelBenchTest {

    private static byte[] randomBytes(int lenBytes) {
        byte[] data = new byte[lenBytes];
        new Random(7).nextBytes(data);
        return data;
    }

    private static void assertIntact(InetSocketAddress target, byte[] data) throws Exception {
        TcpLoad.Transfer t = TcpLoad.transfer(target, data);
        assertThat(t.bytes()).isEqualTo(data.length);
        assertThat(t.sha256()).isEqualTo(TcpLoad.sha256().digest(data));
    }

    @Test
    void theTunnelPathDeliversEveryByteIntact() throws Exception {
        byte[] data = randomBytes(3 << 20);
        try (TcpLoad server = TcpLoad.start();
                LoopbackTunnel tunnel = LoopbackTunnel.start(server.address(), TunnelNode.TRANSPORT,
                        TunnelNode.CONGESTION_CONTROL, Duration.ofSeconds(20))) {
            assertIntact(tunnel.tunnelAt(), data);
            TcpLoad.Throughput t = TcpLoad.throughput(tunnel.tunnelAt(), 3, 300_000_000L);
            assertThat(t.bytes()).as("every stream's bytes counted by the sink").isPositive();
            long[] rttNs = TcpLoad.pingPong(tunnel.tunnelAt(), 5, 50, 5_000_000_000L);
            assertThat(rttNs).hasSize(50);
            assertThat(java.util.Arrays.stream(rttNs).min().orElseThrow()).isPositive();
        }
    }

    @Test
    void theSocatPathDeliversEveryByteIntactWhenSocatIsInstalled() throws Exception {
        Optional<Path> socat = Forwarders.find("socat");
        assumeTrue(socat.isPresent(), "socat is not installed");
        try (TcpLoad server = TcpLoad.start(); Forwarders.Forwarder f = Forwarders.socat(socat.get(), server.address())) {
            assertIntact(f.listen(), randomBytes(1 << 20));
        }
    }

    @Test
    void theSshPathDeliversEveryByteIntactWhenOpensshIsInstalled() throws Exception {
        Optional<Path> sshd = Forwarders.find("sshd");
        Optional<Path> ssh = Forwarders.find("ssh");
        Optional<Path> keygen = Forwarders.find("ssh-keygen");
        assumeTrue(sshd.isPresent() && ssh.isPresent() && keygen.isPresent(), "openssh server or client not installed");
        try (TcpLoad server = TcpLoad.start();
                Forwarders.Forwarder f = Forwarders.ssh(sshd.get(), ssh.get(), keygen.get(), TunnelBench.SSH_AES,
                        server.address())) {
            assertIntact(f.listen(), randomBytes(1 << 20));
        }
    }

    @Test
    void aMissingToolsRowSaysNotInstalledAndHasNoRatio() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<TunnelBench.Row> rows = List.of(
                new TunnelBench.Row("direct", "", new double[] {10, 20, 30}, 10, 20, 0.5),
                TunnelBench.Row.missing("socat", "not installed"),
                new TunnelBench.Row("overlay-aes-gcm", "", new double[] {1, 2, 3}, 100, 200, 4));
        BenchTable.print(rows, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("socat            not installed").contains("0.10");
        assertThat(BenchTable.csv(rows)).contains("socat,,,,,,,,,not installed")
                .contains("overlay-aes-gcm,1.000,2.000,3.000,100.0,200.0,4.000,0.10,,");
        assertThat(BenchTable.markdown(rows)).contains("| socat | not installed |");
    }

    @Test
    void percentilesAreNearestRankOverSortedSamples() {
        long[] sortedNs = new long[100];
        for (int i = 0; i < 100; i++) {
            sortedNs[i] = (i + 1) * 1_000L;
        }
        assertThat(TunnelBench.percentileUs(sortedNs, 0.50)).isEqualTo(50.0);
        assertThat(TunnelBench.percentileUs(sortedNs, 0.99)).isEqualTo(99.0);
        assertThat(TunnelBench.percentileUs(new long[0], 0.5)).isNaN();
    }

    @Test
    void anUnknownPathIsRefused() {
        assertThatThrownBy(() -> new TunnelBench.Options(3, true, List.of("carrier-pigeon"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("carrier-pigeon");
    }
}
