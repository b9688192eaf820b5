package net.overlay.core.node.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ends of a tunnelled connection the other way round from {@link TunnelHalfCloseTest}: the
 * service half-closes first, and a reset on either side reaches the other side as a reset, not as
 * an orderly end. The service acts on the first byte each connection sends: {@code H} greets and
 * half-closes, then counts what comes until EOF; {@code R} resets at once; {@code W} waits to see
 * how its read ends.
 */
class TunnelResetAndHalfCloseTest {
    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final byte[] GREETING = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final int UPLOAD_BYTES = 200_000;

    private static ServerSocket service;
    private static TunnelFixture overlay;
    /** What the latest {@code H} connection counted, or the latest {@code W} connection's read outcome. */
    private static volatile CompletableFuture<String> serviceSaw = new CompletableFuture<>();
    /** Completed when the latest {@code W} connection has read its {@link #W_BYTES}. */
    private static volatile CompletableFuture<Void> serviceRead = new CompletableFuture<>();
    private static final int W_BYTES = 10_000;

    @BeforeAll
    static void setUp() throws Exception {
        service = new ServerSocket();
        service.bind(TunnelFixture.ANY_LOOPBACK);
        Thread.ofVirtual().start(TunnelResetAndHalfCloseTest::serve);
        overlay = TunnelFixture.start(testKit, (InetSocketAddress) service.getLocalSocketAddress());
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (overlay != null) {
            overlay.close();
        }
        service.close();
        testKit.shutdownTestKit();
    }

    private static void serve() {
        while (!service.isClosed()) {
            try {
                Socket s = service.accept();
                Thread.ofVirtual().start(() -> serveOne(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serveOne(Socket s) {
        CompletableFuture<String> saw = serviceSaw;
        CompletableFuture<Void> read = serviceRead;
        try (s) {
            InputStream in = s.getInputStream();
            switch (in.read()) {
                case 'H' -> {
                    s.getOutputStream().write(GREETING);
                    s.shutdownOutput();
                    saw.complete("counted " + in.transferTo(OutputStreamDiscard.INSTANCE));
                }
                case 'R' -> s.setSoLinger(true, 0);
                case 'W' -> {
                    in.readNBytes(W_BYTES);
                    read.complete(null);
                    saw.complete(readOutcome(s));
                }
                default -> saw.complete("unexpected first byte");
            }
        } catch (IOException e) {
            saw.complete("service failed: " + e.getMessage());
        }
    }

    @Test
    void theServicesFinReachesTheClientWhileTheClientsDirectionStaysOpen() throws Exception {
        serviceSaw = new CompletableFuture<>();
        String clientRead = CompletableFuture.supplyAsync(() -> {
            try (Socket s = new Socket()) {
                s.connect(overlay.tunnelAt);
                s.getOutputStream().write('H');
                // Ends only if the service's FIN crossed: the client has not half-closed yet.
                String greeting = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                s.getOutputStream().write(new byte[UPLOAD_BYTES]);
                s.shutdownOutput();
                return greeting;
            } catch (IOException e) {
                return "client failed: " + e.getMessage();
            }
        }).get(TunnelFixture.WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(clientRead).isEqualTo("hello");
        assertThat(serviceSaw.get(TunnelFixture.WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("counted " + UPLOAD_BYTES);
    }

    @Test
    void aResetByTheServiceResetsTheClientsConnection() throws Exception {
        String outcome = CompletableFuture.supplyAsync(() -> {
            try (Socket s = new Socket()) {
                s.connect(overlay.tunnelAt);
                s.setSoTimeout((int) TunnelFixture.WAIT.toMillis());
                s.getOutputStream().write('R');
                return readOutcome(s);
            } catch (IOException e) {
                return "reset";
            }
        }).get(TunnelFixture.WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo("reset");
    }

    @Test
    void aResetByTheClientResetsTheServicesConnection() throws Exception {
        serviceSaw = new CompletableFuture<>();
        serviceRead = new CompletableFuture<>();
        try (Socket s = new Socket()) {
            s.connect(overlay.tunnelAt);
            s.getOutputStream().write('W');
            s.getOutputStream().write(new byte[W_BYTES]);
            // The reset must not overtake the bytes, or the service's connection might not exist yet.
            serviceRead.get(TunnelFixture.WAIT.toSeconds(), TimeUnit.SECONDS);
            s.setSoLinger(true, 0);
        }

        assertThat(serviceSaw.get(TunnelFixture.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("reset");
    }

    /** Reads to the end: "eof" for an orderly end, "reset" for an error, "timeout" if nothing ends. */
    private static String readOutcome(Socket s) {
        try {
            s.setSoTimeout((int) TunnelFixture.WAIT.toMillis());
            s.getInputStream().transferTo(OutputStreamDiscard.INSTANCE);
            return "eof";
        } catch (java.net.SocketTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return "reset";
        }
    }

    /** Discards bytes; transferTo returns how many. */
    private static final class OutputStreamDiscard extends java.io.OutputStream {
        static final OutputStreamDiscard INSTANCE = new OutputStreamDiscard();

        @Override
        public void write(int b) {
            // Discarded: only the count matters.
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // Discarded: only the count matters.
        }
    }
}
