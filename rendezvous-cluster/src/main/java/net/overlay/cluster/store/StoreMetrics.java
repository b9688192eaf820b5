package net.overlay.cluster.store;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;

/**
 * The store's counters and gauges in Prometheus names: writes accepted and refused (by reason),
 * events the read model applied or skipped, read-model restarts, and the sizes of the read model.
 * Thread-safe (Prometheus metrics are); registered once per registry by {@link DurableStore}.
 */
public final class StoreMetrics {
    private final Counter writes;
    private final Counter eventsApplied;
    private final Counter eventsSkipped;
    private final Counter feedRestarts;

    private StoreMetrics(PrometheusRegistry registry) {
        writes = Counter.builder().name("overlay_store_writes_total")
                .help("Write commands decided by the directory aggregate, by outcome")
                .labelNames("outcome").register(registry);
        eventsApplied = Counter.builder().name("overlay_store_read_model_events_total")
                .help("Journal events applied to this node's read model").register(registry);
        eventsSkipped = Counter.builder().name("overlay_store_read_model_skipped_events_total")
                .help("Journal events this node's read model could not apply (logged)").register(registry);
        feedRestarts = Counter.builder().name("overlay_store_read_model_restarts_total")
                .help("Restarts of the read model's journal query after a failure").register(registry);
    }

    /** Metrics registered in {@code registry}. */
    public static StoreMetrics register(PrometheusRegistry registry) {
        return new StoreMetrics(registry);
    }

    /** Metrics in a private registry: for tests of parts that need some. */
    public static StoreMetrics unregistered() {
        return new StoreMetrics(new PrometheusRegistry());
    }

    /** Adds gauges over {@code view}'s sizes and position to {@code registry}. */
    public static void registerGauges(PrometheusRegistry registry, StoreDirectory view) {
        GaugeWithCallback.builder().name("overlay_store_entries")
                .help("Entries in this node's read model, by kind").labelNames("kind")
                .callback(cb -> {
                    DirectoryState s = view.state();
                    cb.call(s.users().size(), "users");
                    cb.call(s.devices().size(), "devices");
                    cb.call(s.grants().size(), "grants");
                    cb.call(s.claimCodes().size(), "claim_codes");
                    cb.call(s.revokedCount(), "revoked_grants");
                }).register(registry);
        GaugeWithCallback.builder().name("overlay_store_read_model_sequence_nr")
                .help("Journal sequence number this node's read model has applied")
                .callback(cb -> cb.call(view.appliedSeqNr())).register(registry);
    }

    void writeAccepted() {
        writes.labelValues("accepted").inc();
    }

    void writeRefused(StoreReply.Reason reason) {
        writes.labelValues(reason.name().toLowerCase(Locale.ROOT)).inc();
    }

    void eventApplied() {
        eventsApplied.inc();
    }

    void eventSkipped() {
        eventsSkipped.inc();
    }

    void feedRestarted() {
        feedRestarts.inc();
    }
}
