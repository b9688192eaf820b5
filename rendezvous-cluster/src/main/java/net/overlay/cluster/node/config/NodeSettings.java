package net.overlay.cluster.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster node's validated settings ({@code overlay.rendezvous}, see {@code reference.conf}).
 * Immutable; built once by {@link #from} on the caller's thread.
 *
 * @param udp the UDP edge
 * @param keysDir the cluster identity's key directory
 * @param generateKeys whether to generate keys into an empty {@code keysDir}
 * @param roles {@code rendezvous} and/or {@code relay}
 * @param keepaliveIntervalMs the interval devices are told at registration
 * @param registrationTimeoutNs silence after which a registration is dropped
 * @param relayLifetimeMs the lifetime a relay grant states (an allocation idle for 180 s ends sooner)
 * @param registryRefreshNs how often a live device's presence is written again
 * @param registryShards shards of the device registry
 * @param forwardTimeoutNs how long a forwarded connect waits for the home node
 * @param rateLimit the per-source flood limit
 * @param cluster membership
 * @param handshakes limits on Noise handshakes (the work a stranger can make the node do)
 */
public record NodeSettings(Udp udp, Path keysDir, boolean generateKeys, Set<String> roles, long keepaliveIntervalMs,
        long registrationTimeoutNs, long relayLifetimeMs, long registryRefreshNs, int registryShards,
        long forwardTimeoutNs, RateLimit rateLimit, Cluster cluster, Handshakes handshakes) {

    public static final String ROOT = "overlay.rendezvous";
    public static final String ROLE_RENDEZVOUS = "rendezvous";
    public static final String ROLE_RELAY = "relay";

    /** {@code alternateHost} empty: no RFC 5780 discovery, one socket. */
    public record Udp(String host, int port, String alternateHost, int maxDatagramBytes, int maxQueuedDatagrams) {}

    public record RateLimit(double datagramsPerSecond, double burst, int maxTrackedSources) {}

    /**
     * Limits on handshake initiations, checked before any Diffie-Hellman work: a token bucket per
     * source IP, and caps on half-open and total sessions (overlay-core's {@code SessionEndpointConfig}).
     */
    public record Handshakes(int perSourcePerSecond, int perSourceBurst, int maxHalfOpen, int maxSessions) {}

    /** {@code seedNodes} as {@code host:port}. */
    public record Cluster(String systemName, String host, int port, List<String> seedNodes, long downingStableAfterMs) {}

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * Reads {@code overlay.rendezvous} from {@code config} (the node's file over the defaults).
     *
     * @throws ConfigError naming the first bad setting
     */
    public static NodeSettings from(Config config) {
        Config withDefaults = config.withFallback(ConfigFactory.defaultReference()).resolve();
        Reader r = new Reader(withDefaults);
        Udp udp = new Udp(r.host("udp.host", false), r.intIn("udp.port", 0, 65_534), r.host("udp.alternate-host", true),
                r.intIn("udp.max-datagram-bytes", 64, 65_507), r.intIn("udp.max-queued-datagrams", 1, 1 << 24));
        if (udp.alternateHost().equals(udp.host())) {
            throw new ConfigError(ROOT + ".udp.alternate-host", "must differ from udp.host (RFC 5780 needs two IPs)");
        }
        Set<String> roles = r.roles();
        long keepaliveMs = r.durationMs("keepalive-interval", 1);
        long registrationMs = r.durationMs("registration-timeout", 1);
        if (registrationMs <= keepaliveMs) {
            throw new ConfigError(ROOT + ".registration-timeout", "must exceed keepalive-interval ("
                    + keepaliveMs + " ms), or live devices expire between keepalives");
        }
        long refreshMs = r.durationMs("registry.refresh-interval", 1);
        if (refreshMs >= registrationMs) {
            throw new ConfigError(ROOT + ".registry.refresh-interval", "must be below registration-timeout ("
                    + registrationMs + " ms), or live devices expire from the registry");
        }
        RateLimit rate = new RateLimit(r.positiveDouble("rate-limit.per-source-datagrams-per-second"),
                r.positiveDouble("rate-limit.per-source-burst"), r.intIn("rate-limit.max-tracked-sources", 1, 1 << 26));
        Cluster cluster = new Cluster(r.name("cluster.system-name"), r.host("cluster.host", false),
                r.intIn("cluster.port", 0, 65_535), r.seeds("cluster.seed-nodes"), r.durationMs("cluster.downing-stable-after", 1));
        return new NodeSettings(udp, Path.of(r.string("keys-dir")), r.bool("generate-keys"), roles, keepaliveMs,
                registrationMs * 1_000_000L, r.durationMs("relay-lifetime", 1), refreshMs * 1_000_000L,
                r.intIn("registry.shards", 1, 100_000), r.durationMs("routing.forward-timeout", 1) * 1_000_000L, rate, cluster,
                handshakes(r));
    }

    private static Handshakes handshakes(Reader r) {
        int maxSessions = r.intIn("handshakes.max-sessions", 1, 1 << 24);
        Handshakes h = new Handshakes(r.intIn("handshakes.per-source-per-second", 1, 1_000_000),
                r.intIn("handshakes.per-source-burst", 1, 1_000_000), r.intIn("handshakes.max-half-open", 1, 1 << 24),
                maxSessions);
        if (h.maxHalfOpen() > maxSessions) {
            throw new ConfigError(ROOT + ".handshakes.max-half-open", "must not exceed handshakes.max-sessions ("
                    + maxSessions + "), got " + h.maxHalfOpen());
        }
        return h;
    }

    /** The Pekko settings this node's membership implies (the caller lays its own file over them). */
    public Config pekkoConfig() {
        Map<String, Object> m = new HashMap<>();
        m.put("pekko.remote.artery.canonical.hostname", cluster.host());
        m.put("pekko.remote.artery.canonical.port", cluster.port());
        List<String> seeds = new ArrayList<>();
        for (String s : cluster.seedNodes()) {
            seeds.add("pekko://" + cluster.systemName() + "@" + s);
        }
        m.put("pekko.cluster.seed-nodes", seeds);
        m.put("pekko.cluster.roles", List.copyOf(roles));
        m.put("pekko.cluster.split-brain-resolver.stable-after", cluster.downingStableAfterMs() + "ms");
        m.put("pekko.cluster.sharding.number-of-shards", registryShards);
        return ConfigFactory.parseMap(m);
    }

    /** Typed reads under {@link #ROOT} whose errors name the setting. */
    private record Reader(Config c) {
        private String path(String key) {
            return ROOT + "." + key;
        }

        private <T> T read(String key, java.util.function.Function<String, T> get) {
            try {
                return get.apply(path(key));
            } catch (ConfigException.Missing e) {
                throw new ConfigError(path(key), "missing");
            } catch (ConfigException.WrongType | ConfigException.BadValue e) {
                throw new ConfigError(path(key), "wrong type or value (" + e.getMessage().replaceFirst("^.*?: ", "") + ")");
            }
        }

        String string(String key) {
            return read(key, c::getString);
        }

        boolean bool(String key) {
            return read(key, c::getBoolean);
        }

        int intIn(String key, int min, int max) {
            int v = read(key, c::getInt);
            if (v < min || v > max) {
                throw new ConfigError(path(key), "must be in " + min + ".." + max + ", got " + v);
            }
            return v;
        }

        double positiveDouble(String key) {
            double v = read(key, c::getDouble);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new ConfigError(path(key), "must be a positive number, got " + v);
            }
            return v;
        }

        long durationMs(String key, long minMs) {
            Duration d = read(key, c::getDuration);
            if (d.toMillis() < minMs) {
                throw new ConfigError(path(key), "must be at least " + minMs + " ms, got " + d);
            }
            return d.toMillis();
        }

        String host(String key, boolean mayBeEmpty) {
            String v = string(key).trim();
            if (v.isEmpty() && mayBeEmpty) {
                return "";
            }
            if (v.isEmpty() || !v.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
                throw new ConfigError(path(key), "not a host name or IP address: '" + v + "'");
            }
            return v;
        }

        String name(String key) {
            String v = string(key);
            if (!v.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                throw new ConfigError(path(key), "letters, digits, '-' and '_' only, got '" + v + "'");
            }
            return v;
        }

        Set<String> roles() {
            List<String> roles = read("roles", c::getStringList);
            for (String role : roles) {
                if (!role.equals(ROLE_RENDEZVOUS) && !role.equals(ROLE_RELAY)) {
                    throw new ConfigError(path("roles"), "unknown role '" + role + "' (known: rendezvous, relay)");
                }
            }
            if (roles.contains(ROLE_RELAY) && !roles.contains(ROLE_RENDEZVOUS)) {
                // Relays are allocated by the device's home node on its own sockets (docs/cluster.md).
                throw new ConfigError(path("roles"), "relay needs rendezvous on the same node in this version");
            }
            return Set.copyOf(roles);
        }

        List<String> seeds(String key) {
            List<String> seeds = read(key, c::getStringList);
            for (String s : seeds) {
                int colon = s.lastIndexOf(':');
                boolean ok = colon > 0 && s.substring(colon + 1).matches("\\d{1,5}")
                        && Integer.parseInt(s.substring(colon + 1)) <= 65_535;
                if (!ok) {
                    throw new ConfigError(path(key), "each seed is host:port, got '" + s + "'");
                }
            }
            return List.copyOf(seeds);
        }
    }

    /** A config holding only {@code overlay.rendezvous.<key> = value}, for tests and the CLI. */
    public static Config override(String key, Object value) {
        return ConfigFactory.empty().withValue(ROOT + "." + key, ConfigValueFactory.fromAnyRef(value));
    }
}
