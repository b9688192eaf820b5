package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import net.overlay.cluster.admin.AdminServer;
import net.overlay.cluster.admin.MetricsRegistry;
import net.overlay.cluster.store.DurableStore;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.spi.RandomSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./overlay admin ...} against a real one-node store and admin endpoint on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCommandTest {
    private final RandomSource random = RandomSource.seeded(21);
    private final Identity admin = Identity.generate(random);
    private final Identity owner = Identity.generate(random);
    private final Identity alice = Identity.generate(random);
    private final Identity camera = Identity.generate(random);
    private Path adminKeys;
    private Path ownerKeys;
    private ActorSystem<Void> system;
    private DurableStore store;
    private AdminServer server;
    private String url;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        adminKeys = dir.resolve("admin");
        ownerKeys = dir.resolve("owner");
        KeyDirectory.write(adminKeys, admin, false);
        KeyDirectory.write(ownerKeys, owner, false);
        Config config = ConfigFactory.load(ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.remote.artery.canonical.port = 0
                pekko.loglevel = WARNING
                pekko.coordinated-shutdown.exit-jvm = off
                overlay.store.jdbc.url = "jdbc:h2:file:%s;DB_CLOSE_DELAY=-1"
                overlay.store.bootstrap-admins = ["%s"]
                """.formatted(dir.resolve("store").toAbsolutePath(), admin.peerId().text())));
        system = ActorSystem.create(Behaviors.empty(), "admin-cli", config);
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        long deadlineNs = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (cluster.selfMember().status() != MemberStatus.up() && System.nanoTime() < deadlineNs) {
            Thread.sleep(20);
        }
        MetricsRegistry metrics = MetricsRegistry.withoutJvm();
        store = DurableStore.start(system, metrics.prometheus());
        server = AdminServer.start(system, store, metrics, "127.0.0.1", 0);
        url = "http://127.0.0.1:" + server.address().getPort();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        store.close();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    private CliRun admin(String... args) {
        String[] full = new String[args.length + 5];
        full[0] = "admin";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--url";
        full[args.length + 2] = url;
        full[args.length + 3] = "--key";
        full[args.length + 4] = adminKeys.toString();
        return CliRun.of(full);
    }

    @Test
    void addsUsersADeviceAGrantAndAClaimCodeAndListsThem() {
        assertThat(admin("users", "add", owner.peerId().text()).status()).isZero();
        assertThat(admin("users", "add", alice.peerId().text(), "--role", "user").status()).isZero();
        CliRun dev = admin("devices", "add", "camera-1", "--device-key", camera.peerId().text(), "--owner",
                owner.peerId().text());
        assertThat(dev.status()).as(dev.err()).isZero();
        CliRun grant = admin("grants", "add", "--device", "camera-1", "--user", alice.peerId().text(), "--services",
                "http,rtsp", "--owner-key", ownerKeys.toString());
        assertThat(grant.status()).as(grant.err()).isZero();
        assertThat(grant.out()).contains("grant stored: camera-1");
        assertThat(store.directory().grant(alice.peerId(), new DeviceId("camera-1"))).isPresent();

        assertThat(admin("users", "list").out()).contains(owner.peerId().text() + "  user");
        assertThat(admin("devices", "list").out()).contains("camera-1  key " + camera.peerId().text());
        assertThat(admin("grants", "list", "--device", "camera-1").out()).contains("[\"http\",\"rtsp\"]");
        CliRun code = admin("claim", "issue", "--owner", owner.peerId().text(), "--ttl-seconds", "600");
        assertThat(code.out()).containsPattern("claim code: [A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}");
        assertThat(admin("claim", "list").out()).contains("owner " + owner.peerId().text());
    }

    @Test
    void aDeviceIsEnrolledFromTheClaimCodeItPrintedAndATypoIsRefused() {
        Identity sensor = Identity.generate(random);
        String code = new net.overlay.core.proto.identity.DeviceClaimCode(new DeviceId("sensor-3"), sensor.peerId())
                .encode();
        assertThat(admin("users", "add", owner.peerId().text()).status()).isZero();
        String typo = code.substring(0, code.length() - 1) + (code.endsWith("a") ? "b" : "a");
        CliRun refused = admin("devices", "claim", typo, "--owner", owner.peerId().text());
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.err()).contains("checksum does not match");
        CliRun claimed = admin("devices", "claim", code, "--owner", owner.peerId().text());
        assertThat(claimed.status()).as(claimed.err()).isZero();
        assertThat(claimed.out()).contains("claimed device sensor-3 for owner " + owner.peerId().text());
        assertThat(store.directory().device(new DeviceId("sensor-3")).orElseThrow().deviceKey()).isEqualTo(sensor.peerId());
    }

    @Test
    void aGrantSignedByANonOwnerIsRefusedWithTheServersReason() {
        admin("users", "add", owner.peerId().text());
        admin("users", "add", alice.peerId().text());
        admin("devices", "add", "camera-2", "--device-key", Identity.generate(random).peerId().text(), "--owner",
                owner.peerId().text());
        CliRun r = admin("grants", "add", "--device", "camera-2", "--user", alice.peerId().text(), "--services", "http");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("400").contains("not issued by the device's owner");
    }

    @Test
    void errorsSayWhatIsWrong() throws Exception {
        CliRun missing = admin("grants", "revoke", "--device", "nothing", "--user", alice.peerId().text());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("404").contains("no grant");

        CliRun notAdmin = CliRun.of("admin", "users", "list", "--url", url, "--key", ownerKeys.toString());
        assertThat(notAdmin.status()).isEqualTo(1);
        assertThat(notAdmin.err()).contains("403").contains("not an administrator");

        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        CliRun down = CliRun.of("admin", "users", "list", "--url", "http://127.0.0.1:" + freePort, "--key",
                adminKeys.toString());
        assertThat(down.status()).isEqualTo(1);
        assertThat(down.err()).contains("cannot connect").doesNotContain("at java.");

        CliRun noKey = CliRun.of("admin", "users", "list", "--url", url, "--key", "/nonexistent/keys");
        assertThat(noKey.status()).isEqualTo(1);
        assertThat(noKey.err()).contains("/nonexistent/keys");
    }
}
