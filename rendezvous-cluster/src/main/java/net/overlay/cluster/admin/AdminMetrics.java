package net.overlay.cluster.admin;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The admin API's counters: requests by route and status, and refused signatures by reason
 * ({@code unsigned}, {@code malformed}, {@code stale}, {@code bad_signature}, {@code replayed},
 * {@code replay_cache_full}, {@code not_admin}). Label values come from fixed sets, never from the
 * request, so a hostile client cannot grow the metric. Thread-safe.
 */
final class AdminMetrics {
    private final Counter requests;
    private final Counter refused;

    AdminMetrics(PrometheusRegistry registry) {
        requests = Counter.builder().name("overlay_admin_requests_total")
                .help("HTTP requests to the admin endpoint, by route and status").labelNames("route", "status")
                .register(registry);
        refused = Counter.builder().name("overlay_admin_auth_refused_total")
                .help("Admin requests refused for their signature or signer, by reason").labelNames("reason")
                .register(registry);
    }

    void request(String route, int status) {
        requests.labelValues(route, Integer.toString(status)).inc();
    }

    void refused(String reason) {
        refused.labelValues(reason).inc();
    }
}
