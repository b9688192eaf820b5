package net.overlay.cluster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import net.overlay.cluster.store.StoreSystems;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoint over real HTTP on loopback, against a one-node cluster with an H2 store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RandomSource random = RandomSource.seeded(11);
    private final Identity admin = Identity.generate(random);
    private final Identity stranger = Identity.generate(random);
    private final Identity owner = Identity.generate(random);
    private final Identity alice = Identity.generate(random);
    private final Identity camera = Identity.generate(random);
    private final HttpClient http = HttpClient.newHttpClient();

    private StoreSystems.Node node;
    private MetricsRegistry metrics;
    private AdminServer server;
    private URI base;

    @BeforeAll
    void start(@TempDir Path dir) {
        metrics = MetricsRegistry.create();
        node = StoreSystems.startWith("admin-http", StoreSystems.h2(dir,
                "overlay.store.bootstrap-admins = [\"" + admin.peerId().text() + "\"]"), null, metrics.prometheus());
        server = AdminServer.start(node.kit().system(), node.store(), metrics, "127.0.0.1", 0);
        base = URI.create("http://127.0.0.1:" + server.address().getPort());
    }

    @AfterAll
    void stop() {
        server.close();
        node.close();
    }

    private AdminClient client(Identity who) {
        return new AdminClient(base, who, random, System::currentTimeMillis);
    }

    private static JsonNode json(AdminClient.Response r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void bootstrapAdminCreatesAndListsUsersDevicesAndGrants() throws Exception {
        AdminClient c = client(admin);
        assertThat(c.send("POST", "/api/users", "{\"key\":\"" + owner.peerId() + "\",\"role\":\"user\"}").status())
                .isEqualTo(201);
        assertThat(c.send("POST", "/api/users", "{\"key\":\"" + alice.peerId() + "\",\"role\":\"user\"}").status())
                .isEqualTo(201);
        AdminClient.Response dev = c.send("POST", "/api/devices", "{\"name\":\"camera-1\",\"key\":\""
                + camera.peerId() + "\",\"owner\":\"" + owner.peerId() + "\"}");
        assertThat(dev.status()).as(dev.body()).isEqualTo(201);
        Grant g = Grant.issue(owner, alice.peerId(), new DeviceId("camera-1"), Set.of("http"), Role.USER,
                System.currentTimeMillis() + 86_400_000L, random);
        AdminClient.Response stored = c.send("POST", "/api/grants",
                "{\"grant\":\"" + Base64.getEncoder().encodeToString(g.encode()) + "\"}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(json(stored).get("services").get(0).asText()).isEqualTo("http");

        // Read-your-writes on this node: the lists show the new entries at once.
        assertThat(json(c.send("GET", "/api/users", null)).get("users").findValuesAsText("key"))
                .contains(owner.peerId().text(), alice.peerId().text());
        assertThat(json(c.send("GET", "/api/devices", null)).get("devices").get(0).get("key").asText())
                .isEqualTo(camera.peerId().text());
        JsonNode grants = json(c.send("GET", "/api/grants?device=camera-1", null)).get("grants");
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).get("user").asText()).isEqualTo(alice.peerId().text());
        assertThat(node.store().directory().grant(alice.peerId(), new DeviceId("camera-1"))).contains(g);

        assertThat(c.send("DELETE", "/api/grants/camera-1/" + alice.peerId(), null).status()).isEqualTo(200);
        assertThat(node.store().directory().grant(alice.peerId(), new DeviceId("camera-1"))).isEmpty();
        assertThat(c.send("DELETE", "/api/grants/camera-1/" + alice.peerId(), null).status()).isEqualTo(404);
    }

    @Test
    void claimCodeRegistersTheDeviceThatSignsWithItsOwnKeyOnce() throws Exception {
        Identity claimOwner = Identity.generate(random);
        Identity sensor = Identity.generate(random);
        AdminClient c = client(admin);
        c.send("POST", "/api/users", "{\"key\":\"" + claimOwner.peerId() + "\",\"role\":\"user\"}");
        AdminClient.Response issued = c.send("POST", "/api/claim-codes",
                "{\"owner\":\"" + claimOwner.peerId() + "\",\"device\":\"sensor-7\",\"ttlSeconds\":600}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String code = json(issued).get("code").asText();
        String claim = "{\"code\":\"" + code + "\",\"key\":\"" + sensor.peerId() + "\"}";

        assertThat(client(stranger).send("POST", "/claim", claim).status()).as("signed by another key").isEqualTo(401);
        AdminClient.Response first = client(sensor).send("POST", "/claim", claim);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(json(first).get("owner").asText()).isEqualTo(claimOwner.peerId().text());
        assertThat(node.store().directory().device(new DeviceId("sensor-7")).orElseThrow().deviceKey())
                .isEqualTo(sensor.peerId());
        assertThat(client(sensor).send("POST", "/claim", claim).status()).as("second use").isEqualTo(404);
    }

    @Test
    void unsignedTamperedWrongKeyStaleAndReplayedRequestsGet401() throws Exception {
        assertThat(raw("GET", "/api/users", "", Map.of()).statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(raw("GET", "/api/users", "", Map.of()).body()).get("error").asText())
                .contains("not signed");

        long now = System.currentTimeMillis();
        String body = "{\"key\":\"" + stranger.peerId() + "\",\"role\":\"admin\"}";
        Map<String, String> signed = RequestSigning.sign(admin, "POST", "/api/users", bytes(body), now,
                RequestSigning.newNonce(random));
        String tampered = body.replace("admin", "user ");
        assertThat(raw("POST", "/api/users", tampered, signed).statusCode()).as("tampered body").isEqualTo(401);

        Map<String, String> wrongKey = new HashMap<>(RequestSigning.sign(stranger, "POST", "/api/users", bytes(body),
                now, RequestSigning.newNonce(random)));
        wrongKey.put(RequestSigning.KEY_HEADER, admin.peerId().text());
        assertThat(raw("POST", "/api/users", body, wrongKey).statusCode()).as("signed by another key").isEqualTo(401);

        Map<String, String> stale = RequestSigning.sign(admin, "GET", "/api/users", new byte[0], now - 120_000,
                RequestSigning.newNonce(random));
        assertThat(raw("GET", "/api/users", "", stale).statusCode()).as("stale").isEqualTo(401);

        Map<String, String> once = RequestSigning.sign(admin, "GET", "/api/users", new byte[0], now,
                RequestSigning.newNonce(random));
        assertThat(raw("GET", "/api/users", "", once).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = raw("GET", "/api/users", "", once);
        assertThat(replay.statusCode()).as("replayed").isEqualTo(401);
        assertThat(JSON.readTree(replay.body()).get("error").asText()).contains("replayed");

        Map<String, String> garbage = Map.of(RequestSigning.KEY_HEADER, "not-a-key", RequestSigning.TIMESTAMP_HEADER,
                "x", RequestSigning.NONCE_HEADER, "zz", RequestSigning.SIGNATURE_HEADER, "%%%");
        assertThat(raw("GET", "/api/users", "", garbage).statusCode()).as("garbage headers").isEqualTo(401);

        assertThat(client(stranger).send("GET", "/api/users", null).status()).as("valid, not an admin").isEqualTo(403);
        assertThat(new String(metrics.scrape(), StandardCharsets.UTF_8))
                .contains("overlay_admin_auth_refused_total{reason=\"replayed\"} 1.0")
                .contains("overlay_admin_auth_refused_total{reason=\"stale\"} 1.0");
    }

    @Test
    void malformedBodiesGet400AndUnknownRoutesGet404Or405() throws Exception {
        AdminClient c = client(admin);
        for (String bad : new String[] {"{", "[]", "null", "{\"key\":1,\"role\":[]}", "{\"key\":\"x\",\"role\":\"user\"}",
                "{\"key\":\"" + owner.peerId() + "\",\"role\":\"king\"}", "{\"nope\":true}", "{} {}", "\u0000\u0001"}) {
            AdminClient.Response r = c.send("POST", "/api/users", bad);
            assertThat(r.status()).as(bad + " -> " + r.body()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText()).isNotBlank();
        }
        assertThat(c.send("POST", "/api/grants", "{\"grant\":\"AAAA\"}").status()).isEqualTo(400);
        assertThat(c.send("POST", "/api/grants", "{\"grant\":\"***\"}").status()).isEqualTo(400);
        assertThat(c.send("POST", "/api/users", "").status()).isEqualTo(400);
        assertThat(c.send("GET", "/api/nothing", null).status()).isEqualTo(404);
        assertThat(c.send("PUT", "/api/users", "{}").status()).isEqualTo(405);
        assertThat(c.send("POST", "/api/users", "{\"key\":\"" + "a".repeat(70_000) + "\"}").status()).isEqualTo(413);
    }

    @Test
    void healthReadyAndMetricsAnswerWithoutSignatures() throws Exception {
        assertThat(raw("GET", "/health", "", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = raw("GET", "/ready", "", Map.of());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        HttpResponse<String> m = raw("GET", "/metrics", "", Map.of());
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        PrometheusText.requireValid(m.body());
        assertThat(m.body()).contains("jvm_memory_used_bytes").contains("overlay_store_entries")
                .contains("overlay_store_read_model_sequence_nr");
    }

    private HttpResponse<String> raw(String method, String target, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(target)).method(method,
                body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
