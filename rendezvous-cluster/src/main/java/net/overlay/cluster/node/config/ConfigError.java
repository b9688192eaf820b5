package net.overlay.cluster.node.config;

/**
 * A setting is missing, of the wrong type or out of range: the message names the setting (its
 * full HOCON path) and what was expected, fit to print as is. Thrown by {@link NodeSettings#from}.
 */
public final class ConfigError extends RuntimeException {
    private final String setting;

    public ConfigError(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
    }

    /** The full path of the offending setting, e.g. {@code overlay.rendezvous.udp.port}. */
    public String setting() {
        return setting;
    }
}
