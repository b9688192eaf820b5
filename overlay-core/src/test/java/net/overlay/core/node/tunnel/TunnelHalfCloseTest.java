package net.overlay.core.node.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Half-close through a tunnel: the device's service reads until the client's FIN, then answers
 * and closes. The answer can only come if the client's FIN crossed the tunnel, and the client's
 * read can only end if the service's FIN did.
 */
class TunnelHalfCloseTest {
    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final int REQUEST_BYTES = 300_000;

    private static ServerSocket service;
    private static TunnelFixture overlay;

    @BeforeAll
    static void setUp() throws Exception {
        service = new ServerSocket();
        service.bind(TunnelFixture.ANY_LOOPBACK);
        Thread.ofVirtual().start(TunnelHalfCloseTest::serve);
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

    /** Counts what arrives until EOF, answers with the count, then closes. */
    private static void serve() {
        while (!service.isClosed()) {
            try (Socket s = service.accept()) {
                long n = s.getInputStream().transferTo(OutputStreamCounter.INSTANCE);
                s.getOutputStream().write(("got " + n).getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void finFromTheClientReachesTheServiceAndItsAnswerAndFinComeBack() throws Exception {
        String answer = CompletableFuture.supplyAsync(() -> exchange(REQUEST_BYTES))
                .get(TunnelFixture.WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(answer).isEqualTo("got " + REQUEST_BYTES);
    }

    @Test
    void aLargeUploadFillsTheStreamBufferAndTheTunnelStopsReadingTcpInsteadOfQueueing() throws Exception {
        int uploadBytes = 8 * 1024 * 1024;
        String answer = CompletableFuture.supplyAsync(() -> exchange(uploadBytes))
                .get(TunnelFixture.WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(answer).isEqualTo("got " + uploadBytes);
        TunnelCounters c = overlay.clientHost.counters();
        assertThat(c.sendBufferFull).as("the stream's send buffer filled up").isPositive();
        // The read credit, plus one read of pekko's TCP that may overshoot it.
        long maxReadBytes = testKit.system().settings().config().getBytes("pekko.io.tcp.direct-buffer-size");
        assertThat(c.maxQueuedBytes).as("bytes read from TCP ahead of the stream")
                .isPositive()
                .isLessThan(TcpConnection.READ_AHEAD_BYTES + maxReadBytes);
        assertThat(overlay.deviceHost.counters().maxUnwrittenBytes).as("stream bytes waiting for the service")
                .isLessThan(StreamPipe.MAX_UNWRITTEN_BYTES + StreamPipe.CHUNK_BYTES);
    }

    private static String exchange(int requestBytes) {
        try (Socket s = new Socket()) {
            s.connect(overlay.tunnelAt);
            byte[] request = new byte[requestBytes];
            new Random(3).nextBytes(request);
            s.getOutputStream().write(request);
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Discards bytes; transferTo returns how many. */
    private static final class OutputStreamCounter extends java.io.OutputStream {
        static final OutputStreamCounter INSTANCE = new OutputStreamCounter();

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
