package net.overlay.cluster.store;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.overlay.core.proto.identity.PeerId;

/**
 * The {@code overlay.store} settings (reference.conf documents each with its default), checked
 * once at start so that a broken file fails with the setting's name, not later with a stack trace.
 */
public record StoreSettings(
        boolean createSchema,
        List<PeerId> bootstrapAdmins,
        long readYourWritesWaitMs,
        long askTimeoutMs,
        long claimCodeTtlMs,
        long claimCodeMaxTtlMs,
        int snapshotEveryEvents) {

    public StoreSettings {
        bootstrapAdmins = List.copyOf(bootstrapAdmins);
        requirePositive("ask-timeout", askTimeoutMs);
        requirePositive("claim-code-ttl", claimCodeTtlMs);
        requirePositive("snapshot-every-events", snapshotEveryEvents);
        if (readYourWritesWaitMs < 0) {
            throw new IllegalArgumentException("overlay.store.read-your-writes-wait must not be negative");
        }
        if (claimCodeMaxTtlMs < claimCodeTtlMs) {
            throw new IllegalArgumentException("overlay.store.claim-code-max-ttl is shorter than claim-code-ttl");
        }
    }

    /**
     * Reads the {@code overlay.store} section of {@code root} (a whole system configuration).
     *
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    public static StoreSettings from(Config root) {
        try {
            Config c = root.getConfig("overlay.store");
            List<PeerId> admins = c.getStringList("bootstrap-admins").stream().map(text -> {
                try {
                    return PeerId.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("overlay.store.bootstrap-admins: " + e.getMessage(), e);
                }
            }).toList();
            return new StoreSettings(c.getBoolean("create-schema"), admins,
                    c.getDuration("read-your-writes-wait", TimeUnit.MILLISECONDS),
                    c.getDuration("ask-timeout", TimeUnit.MILLISECONDS),
                    c.getDuration("claim-code-ttl", TimeUnit.MILLISECONDS),
                    c.getDuration("claim-code-max-ttl", TimeUnit.MILLISECONDS),
                    c.getInt("snapshot-every-events"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("store configuration: " + e.getMessage(), e);
        }
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("overlay.store." + name + " must be positive, got " + value);
        }
    }
}
