package net.overlay.core.node.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A device whose local service refuses connections: the client's tunnelled connection is closed. */
class TunnelRefusedServiceTest {
    private static final ActorTestKit testKit = ActorTestKit.create();
    private static TunnelFixture overlay;

    @BeforeAll
    static void setUp() throws Exception {
        InetSocketAddress nobodyListens;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(TunnelFixture.ANY_LOOPBACK);
            nobodyListens = (InetSocketAddress) s.getLocalSocketAddress();
        }
        overlay = TunnelFixture.start(testKit, nobodyListens);
    }

    @AfterAll
    static void tearDown() {
        if (overlay != null) {
            overlay.close();
        }
        testKit.shutdownTestKit();
    }

    @Test
    void theClientConnectionIsClosedWhenTheDeviceCannotReachItsService() throws Exception {
        String outcome = CompletableFuture.supplyAsync(TunnelRefusedServiceTest::connectAndRead)
                .get(TunnelFixture.WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcome).isIn("eof", "reset");
    }

    private static String connectAndRead() {
        try (Socket s = new Socket()) {
            s.connect(overlay.tunnelAt);
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            int first = s.getInputStream().read();
            return first < 0 ? "eof" : "got data";
        } catch (IOException e) {
            return "reset";
        }
    }
}
