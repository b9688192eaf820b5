package net.overlay.cluster.admin;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractMaterializer;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import net.overlay.cluster.store.DurableStore;
import net.overlay.core.node.SystemRandomSource;
import net.overlay.core.proto.wire.Bytes;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

/**
 * The node's HTTP endpoint (pekko-http): {@code GET /health} (the process is up), {@code GET
 * /ready} (store reachable and this node an Up cluster member: 200, else 503), {@code GET /metrics}
 * (Prometheus text), the admin API under {@code /api/} and the device claim at {@code /claim}
 * ({@link AdminApi}). Routes the node passes in are tried first.
 *
 * <p>Bodies are read whole up to {@code overlay.store.admin.max-body-bytes} (larger: 413) before
 * the signature is checked. Callers: the cluster node's start-up, tests. Thread-safe.
 */
public final class AdminServer implements AutoCloseable {
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final long BODY_TIMEOUT_MS = 5_000;

    private final ServerBinding binding;

    private AdminServer(ServerBinding binding) {
        this.binding = binding;
    }

    /**
     * Binds {@code host:port} (0: any free port) with the node's {@code extraRoutes} first, then
     * this endpoint's. Blocks until bound (at most 10 s).
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static AdminServer start(ActorSystem<?> system, DurableStore store, MetricsRegistry metrics, String host,
            int port, Route... extraRoutes) {
        Route own = route(system, store, metrics);
        Route all = extraRoutes.length == 0 ? own : concat(extraRoutes[0], append(extraRoutes, own));
        try {
            ServerBinding b = Http.get(system).newServerAt(host, port).bind(all).toCompletableFuture()
                    .get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new AdminServer(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + host + ":" + port, e);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot bind the admin endpoint to " + host + ":" + port + ": "
                    + cause.getMessage(), cause);
        }
    }

    /** As {@link #start(ActorSystem, DurableStore, MetricsRegistry, String, int, Route...)} on {@code overlay.store.admin.host:port}. */
    public static AdminServer start(ActorSystem<?> system, DurableStore store, MetricsRegistry metrics,
            Route... extraRoutes) {
        AdminSettings s = AdminSettings.from(system.settings().config());
        return start(system, store, metrics, s.host(), s.port(), extraRoutes);
    }

    /** This endpoint's route alone, for a node that binds its own server. */
    public static Route route(ActorSystem<?> system, DurableStore store, MetricsRegistry metrics) {
        AdminSettings settings = AdminSettings.from(system.settings().config());
        AdminApi api = new AdminApi(store.client(), settings, new AdminMetrics(metrics.prometheus()),
                System::currentTimeMillis, new SystemRandomSource());
        return extractRequest(req -> extractMaterializer(mat ->
                completeWithFuture(handle(req, mat, api, store, metrics, settings))));
    }

    private static CompletionStage<HttpResponse> handle(HttpRequest req, Materializer mat, AdminApi api,
            DurableStore store, MetricsRegistry metrics, AdminSettings settings) {
        String path = req.getUri().path();
        String method = req.method().value();
        if (method.equals("GET")) {
            switch (path) {
                case "/health" -> {
                    return done(ApiResponse.json(200, "{\"status\":\"up\"}"));
                }
                case "/ready" -> {
                    return store.ready().thenApply(ok -> toHttp(ok ? ApiResponse.json(200, "{\"ready\":true}")
                            : ApiResponse.json(503, "{\"ready\":false,\"reason\":"
                                    + "\"store not reachable or this node not an Up cluster member\"}")));
                }
                case "/metrics" -> {
                    return CompletableFuture.completedFuture(HttpResponse.create().withEntity(
                            ContentTypes.parse(metrics.contentType()), metrics.scrape()));
                }
                default -> { }
            }
        }
        Map<String, String> headers = new HashMap<>();
        req.getHeaders().forEach(h -> headers.put(h.name(), h.value()));
        String rawQuery = req.getUri().rawQueryString().orElse("");
        return req.entity().toStrict(BODY_TIMEOUT_MS, settings.maxBodyBytes(), mat)
                .thenCompose(strict -> api.handle(new ApiRequest(method, path, rawQuery, headers,
                        Bytes.wrapOwned(strict.getData().toArray()))))
                .exceptionally(e -> ApiResponse.error(413, "request body larger than " + settings.maxBodyBytes()
                        + " bytes, or not received within " + BODY_TIMEOUT_MS + " ms"))
                .thenApply(AdminServer::toHttp);
    }

    private static CompletionStage<HttpResponse> done(ApiResponse r) {
        return CompletableFuture.completedFuture(toHttp(r));
    }

    private static HttpResponse toHttp(ApiResponse r) {
        return HttpResponse.create().withStatus(r.status()).withEntity(ContentTypes.APPLICATION_JSON, r.bodyBytes());
    }

    private static Route[] append(Route[] extra, Route own) {
        Route[] rest = new Route[extra.length];
        System.arraycopy(extra, 1, rest, 0, extra.length - 1);
        rest[extra.length - 1] = own;
        return rest;
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return binding.localAddress();
    }

    /** Stops accepting and ends open connections (at most 5 s). */
    @Override
    public void close() {
        try {
            binding.terminate(Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Closing: the binding is gone or going either way.
        }
    }
}
