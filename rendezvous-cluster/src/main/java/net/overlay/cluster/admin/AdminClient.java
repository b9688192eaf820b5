package net.overlay.cluster.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.spi.RandomSource;

/**
 * A client of the admin API that signs every request with one identity ({@link RequestSigning}).
 * Used by {@code ./overlay admin} and by tests. Failures to reach the server become an
 * {@link AdminClientException} whose message says what to check; HTTP errors are returned as
 * {@link Response}s for the caller to report. Not thread-safe (the nonce source is not).
 */
public final class AdminClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final Identity signer;
    private final RandomSource random;
    private final LongSupplier clockMs;
    private final HttpClient http;

    /** One response: status and body text. */
    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The server could not be reached or did not answer. */
    public static final class AdminClientException extends IOException {
        public AdminClientException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public AdminClient(URI base, Identity signer, RandomSource random, LongSupplier clockMs) {
        this.base = base;
        this.signer = signer;
        this.random = random;
        this.clockMs = clockMs;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /**
     * Sends {@code method target} (target: path and optional query, e.g. {@code /api/grants?device=cam})
     * with {@code jsonBody} (null for none), signed.
     */
    public Response send(String method, String target, String jsonBody) throws IOException {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(target)).timeout(TIMEOUT)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body.length > 0) {
            b.header("Content-Type", "application/json");
        }
        RequestSigning.sign(signer, method, target, body, clockMs.getAsLong(), RequestSigning.newNonce(random))
                .forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (ConnectException e) {
            throw new AdminClientException("cannot connect to " + base + ": is the node running and --url right?", e);
        } catch (HttpConnectTimeoutException e) {
            throw new AdminClientException("connecting to " + base + " timed out after " + TIMEOUT.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new AdminClientException(base + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminClientException("interrupted", e);
        } catch (IOException e) {
            throw new AdminClientException("request to " + base + " failed: " + e.getMessage(), e);
        }
    }
}
