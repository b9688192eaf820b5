package net.overlay.cluster.admin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.concurrent.TimeUnit;

/** The {@code overlay.store.admin} settings (documented in reference.conf), checked at start. */
public record AdminSettings(String host, int port, long signatureWindowMs, int replayCacheMaxEntries,
        int maxBodyBytes) {

    public AdminSettings {
        if (signatureWindowMs <= 0 || replayCacheMaxEntries <= 0 || maxBodyBytes <= 0) {
            throw new IllegalArgumentException("overlay.store.admin: signature-window, replay-cache-max-entries and "
                    + "max-body-bytes must be positive");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("overlay.store.admin.port must be 0-65535, got " + port);
        }
    }

    /**
     * Reads {@code overlay.store.admin} from {@code root}.
     *
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    public static AdminSettings from(Config root) {
        try {
            Config c = root.getConfig("overlay.store.admin");
            return new AdminSettings(c.getString("host"), c.getInt("port"), c.getDuration("signature-window", TimeUnit.MILLISECONDS),
                    c.getInt("replay-cache-max-entries"), c.getBytes("max-body-bytes").intValue());
        } catch (ConfigException e) {
            throw new IllegalArgumentException("admin configuration: " + e.getMessage(), e);
        }
    }
}
