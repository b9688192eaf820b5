package net.overlay.cluster.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.overlay.cluster.admin.AdminClient;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.node.tunnel.AgentFile;
import net.overlay.core.node.tunnel.TunnelNode;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as {@code rendezvous start --config} runs it: a node with the durable store as its
 * directory and the HTTP endpoint. A device enrolled through the signed admin API registers over
 * real UDP, the metrics show it, and after a restart on the same H2 file the enrolment is still
 * there and the device registers again.
 */
class RendezvousServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final RandomSource random = RandomSource.seeded(21);
    private final Identity admin = Identity.generate(random);
    private final Identity owner = Identity.generate(random);
    private final Identity camera = Identity.generate(random);
    private final HttpClient http = HttpClient.newHttpClient();

    private Config config() {
        return ConfigFactory.parseString("""
                overlay.rendezvous { udp.port = 0, cluster.port = 0, keys-dir = "%s", generate-keys = true }
                overlay.store {
                  jdbc.url = "jdbc:h2:file:%s;DB_CLOSE_DELAY=-1"
                  admin.port = 0
                  bootstrap-admins = ["%s"]
                }
                """.formatted(dir.resolve("rv"), dir.resolve("store"), admin.peerId().text()));
    }

    private String get(RendezvousService s, String path) throws Exception {
        InetSocketAddress a = s.adminAddress();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private void awaitReady(RendezvousService s) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!get(s, "/ready").startsWith("200")) {
            assertThat(System.nanoTime()).as("node ready within %s", WAIT).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** Starts the device agent and waits until the node has answered its registration. */
    private void deviceRegisters(RendezvousService s) throws Exception {
        CompletableFuture<AgentEvent> ready = new CompletableFuture<>();
        AgentFile file = new AgentFile(dir.resolve("camera"), "127.0.0.1", s.node().udpAddresses().get(0),
                s.node().identity().peerId(), s.node().identity().staticPublicKey(),
                Optional.of(new AgentFile.DeviceSection(new DeviceId("camera-1"), owner.peerId())),
                Map.of("http", new InetSocketAddress("127.0.0.1", 9)));
        try (TunnelNode device = TunnelNode.startDevice(file, e -> {
            if (e instanceof AgentEvent.RendezvousReady) {
                ready.complete(e);
            }
        })) {
            assertThat(ready.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(AgentEvent.RendezvousReady.class);
            // The node publishes its counters to /metrics once a second.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!get(s, "/metrics").contains("\noverlay_registered_devices 1.0")) {
                assertThat(System.nanoTime()).as("the registration shows in /metrics").isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    @Test
    void aDeviceEnrolledThroughTheAdminApiRegistersAndSurvivesARestart() throws Exception {
        KeyDirectory.write(dir.resolve("camera"), camera, false);
        try (RendezvousService s = RendezvousService.start(config(), null, e -> { })) {
            assertThat(s.hasStore()).isTrue();
            awaitReady(s);
            assertThat(get(s, "/health")).startsWith("200");
            AdminClient c = new AdminClient(URI.create("http://127.0.0.1:" + s.adminAddress().getPort()), admin,
                    random, System::currentTimeMillis);
            assertThat(c.send("POST", "/api/users", "{\"key\":\"" + owner.peerId() + "\",\"role\":\"user\"}").status())
                    .isEqualTo(201);
            AdminClient.Response dev = c.send("POST", "/api/devices", "{\"name\":\"camera-1\",\"key\":\""
                    + camera.peerId() + "\",\"owner\":\"" + owner.peerId() + "\"}");
            assertThat(dev.status()).as(dev.body()).isEqualTo(201);
            deviceRegisters(s);
        }
        try (RendezvousService again = RendezvousService.start(config(), null, e -> { })) {
            awaitReady(again);
            deviceRegisters(again);
        }
    }
}
