package net.overlay.core.node.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.overlay.core.node.MachineDriver;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A TCP tunnel end to end on loopback: an HTTP server as the device's service, rendezvous, device
 * and client each in its own {@link MachineDriver} on real UDP sockets in one JVM, and HTTP GETs of
 * a 2 MB body through the client's local port.
 */
class TunnelLoopbackTest {
    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final Duration WAIT = TunnelFixture.WAIT;
    private static final int BODY_BYTES = 2 * 1024 * 1024;

    private static byte[] body;
    private static HttpServer http;
    private static TunnelFixture overlay;
    private static HttpClient httpClient;

    @BeforeAll
    static void setUp() throws Exception {
        body = new byte[BODY_BYTES];
        new Random(7).nextBytes(body);
        http = HttpServer.create(TunnelFixture.ANY_LOOPBACK, 0);
        http.createContext("/blob", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        overlay = TunnelFixture.start(testKit, http.getAddress());
        httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    }

    @AfterAll
    static void tearDown() {
        if (httpClient != null) {
            httpClient.close();
        }
        if (overlay != null) {
            overlay.close();
        }
        if (http != null) {
            http.stop(0);
        }
        testKit.shutdownTestKit();
    }

    @Test
    void aTwoMegabyteGetArrivesIntactThroughTheTunnel() throws Exception {
        HttpResponse<byte[]> r = get().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(BODY_BYTES);
        assertThat(sha256(r.body())).isEqualTo(sha256(body));
    }

    @Test
    void listeningOnAnAddressAlreadyInUseFailsWithTheAddressAndTheReason() {
        assertThatThrownBy(() -> overlay.clientHost.listen(overlay.tunnelAt))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot listen on " + overlay.tunnelAt)
                .hasMessageContaining("in use");
    }

    @Test
    void concurrentGetsEachArriveIntact() throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(get());
        }
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        for (CompletableFuture<HttpResponse<byte[]>> f : requests) {
            assertThat(f.join().statusCode()).isEqualTo(200);
            assertThat(sha256(f.join().body())).isEqualTo(sha256(body));
        }
    }

    private static CompletableFuture<HttpResponse<byte[]>> get() {
        URI uri = URI.create("http://127.0.0.1:" + overlay.tunnelAt.getPort() + "/blob");
        return httpClient.sendAsync(HttpRequest.newBuilder(uri).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
