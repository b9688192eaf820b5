package net.overlay.cluster.admin;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.config.EscapingScheme;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleSupplier;

/**
 * The node's one Prometheus registry, scraped at {@code /metrics}: JVM basics (memory, GC,
 * threads, class loading), the store's and the admin API's counters, and whatever the cluster node
 * adds. A node adds its own with {@link #counter} and {@link #gauge}, or registers any
 * prometheus-metrics collector in {@link #prometheus()}:
 *
 * <pre>
 * Counter punches = metrics.counter("overlay_punch_outcomes_total", "Hole punches by outcome", "outcome");
 * punches.labelValues("direct").inc();
 * metrics.gauge("overlay_registered_devices", "Devices registered on this node", registry::size);
 * </pre>
 *
 * Names follow Prometheus conventions ({@code _total} for counters, base units). Thread-safe.
 */
public final class MetricsRegistry {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private MetricsRegistry(boolean jvm) {
        if (jvm) {
            JvmMetrics.builder().register(registry);
        }
    }

    /** A registry with the JVM metrics in it. */
    public static MetricsRegistry create() {
        return new MetricsRegistry(true);
    }

    /** A registry without JVM metrics, for tests that count exact lines. */
    public static MetricsRegistry withoutJvm() {
        return new MetricsRegistry(false);
    }

    /** The underlying registry, for collectors of any kind. */
    public PrometheusRegistry prometheus() {
        return registry;
    }

    /** Registers and returns a counter; label values must come from a fixed set. */
    public Counter counter(String name, String help, String... labelNames) {
        return Counter.builder().name(name).help(help).labelNames(labelNames).register(registry);
    }

    /** Registers a gauge read from {@code value} at each scrape. */
    public void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public String contentType() {
        return writer.getContentType();
    }

    /** Everything registered, in the Prometheus text exposition format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
