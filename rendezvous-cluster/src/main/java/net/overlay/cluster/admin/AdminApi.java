package net.overlay.cluster.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import net.overlay.cluster.admin.RequestVerifier.Refused;
import net.overlay.cluster.admin.RequestVerifier.Verified;
import net.overlay.cluster.store.StoreClient;
import net.overlay.cluster.store.UserRole;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.spi.RandomSource;

/**
 * The admin API without the HTTP server: authenticates each request and hands it to
 * {@link DirectoryRoutes}. {@code /api/...} needs a request signed by an administrator (a stored
 * user with role admin, or a key in {@code overlay.store.bootstrap-admins}); {@code /claim} needs
 * a request signed by the device key it registers. Unsigned, badly signed, stale or replayed:
 * 401; signed by a non-administrator: 403; each counted. Never throws: an unexpected failure is a
 * 500 with a JSON body.
 *
 * <p>Callers: {@link AdminServer} (pekko-http), tests. Thread-safe.
 */
public final class AdminApi {
    private final StoreClient store;
    private final List<PeerId> bootstrapAdmins;
    private final RequestVerifier verifier;
    private final AdminMetrics metrics;
    private final LongSupplier clockMs;
    private final DirectoryRoutes routes;

    AdminApi(StoreClient store, AdminSettings settings, AdminMetrics metrics, LongSupplier clockMs, RandomSource random) {
        this.store = store;
        this.bootstrapAdmins = store.settings().bootstrapAdmins();
        this.verifier = new RequestVerifier(settings.signatureWindowMs(), settings.replayCacheMaxEntries());
        this.metrics = metrics;
        this.clockMs = clockMs;
        this.routes = new DirectoryRoutes(store, clockMs, random);
    }

    /** Answers {@code request}; the stage never completes exceptionally. */
    public CompletionStage<ApiResponse> handle(ApiRequest request) {
        String route = routeLabel(request.path());
        CompletionStage<ApiResponse> response;
        try {
            response = switch (route) {
                case "api" -> asAdmin(request);
                case "claim" -> asDevice(request);
                default -> done(ApiResponse.error(404, "no such endpoint: " + request.path()));
            };
        } catch (RuntimeException e) {
            response = done(ApiResponse.error(500, "internal error: " + e.getClass().getSimpleName()));
        }
        return response.exceptionally(e -> ApiResponse.error(500, "internal error: " + e.getClass().getSimpleName()))
                .thenApply(r -> {
                    metrics.request(route, r.status());
                    return r;
                });
    }

    private CompletionStage<ApiResponse> asAdmin(ApiRequest request) {
        return switch (verifier.verify(request, clockMs.getAsLong())) {
            case Refused r -> refuse(r);
            case Verified v when !isAdmin(v.signer()) -> {
                metrics.refused("not_admin");
                yield done(ApiResponse.error(403, "key " + v.signer() + " is not an administrator"));
            }
            case Verified v -> routes.admin(request);
        };
    }

    private CompletionStage<ApiResponse> asDevice(ApiRequest request) {
        if (!request.method().equals("POST")) {
            return done(ApiResponse.error(405, "use POST /claim"));
        }
        return switch (verifier.verify(request, clockMs.getAsLong())) {
            case Refused r -> refuse(r);
            case Verified v -> routes.claim(request, v.signer());
        };
    }

    private CompletionStage<ApiResponse> refuse(Refused r) {
        metrics.refused(r.label());
        return done(ApiResponse.error(401, r.message()));
    }

    private boolean isAdmin(PeerId key) {
        return bootstrapAdmins.contains(key) || store.view().role(key).filter(r -> r == UserRole.ADMIN).isPresent();
    }

    private static String routeLabel(String path) {
        if (path.equals("/api") || path.startsWith("/api/")) {
            return "api";
        }
        return path.equals("/claim") ? "claim" : "other";
    }

    static CompletionStage<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
