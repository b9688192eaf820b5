package net.overlay.core.node.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.transport.TransportConfig;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's cap on local connections waiting for a stream: with the peer's stream limit reached
 * (every stream held by a service that never answers), {@link TunnelHost#MAX_WAITING_CONNECTIONS}
 * connections wait and each further one is refused with a TCP reset and counted, instead of
 * queueing without end.
 */
class TunnelConnectionCapTest {
    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final List<Socket> held = new ArrayList<>();
    private static ServerSocket silentService;
    private static TunnelFixture overlay;

    @BeforeAll
    static void setUp() throws Exception {
        silentService = new ServerSocket();
        silentService.bind(TunnelFixture.ANY_LOOPBACK, 1024);
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Socket s = silentService.accept();
                    synchronized (held) {
                        held.add(s);
                    }
                }
            } catch (IOException e) {
                // Closed at the end of the test.
            }
        });
        overlay = TunnelFixture.start(testKit, (InetSocketAddress) silentService.getLocalSocketAddress());
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (overlay != null) {
            overlay.close();
        }
        silentService.close();
        synchronized (held) {
            for (Socket s : held) {
                s.close();
            }
        }
        testKit.shutdownTestKit();
    }

    @Test
    void connectionsBeyondTheStreamLimitAndTheWaitingCapAreResetAndCounted() throws Exception {
        int streams = TransportConfig.DEFAULTS.maxStreams();
        int extra = 20;
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < streams + TunnelHost.MAX_WAITING_CONNECTIONS + extra; i++) {
                Socket s = new Socket();
                s.connect(overlay.tunnelAt);
                clients.add(s);
            }
            long deadlineNs = System.nanoTime() + TunnelFixture.WAIT.toNanos();
            while (overlay.clientHost.counters().refusedConnections < extra && System.nanoTime() < deadlineNs) {
                Thread.sleep(20);
            }
            assertThat(overlay.clientHost.counters().refusedConnections).isEqualTo(extra);
            Socket refused = clients.getLast();
            refused.setSoTimeout((int) TunnelFixture.WAIT.toMillis());
            assertThat(readOutcome(refused)).isIn("reset", "eof");
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    private static String readOutcome(Socket s) {
        try {
            return s.getInputStream().read() < 0 ? "eof" : "data";
        } catch (IOException e) {
            return "reset";
        }
    }
}
