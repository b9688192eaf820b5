package net.overlay.core.node.tunnel;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.wire.Bytes;

/**
 * The HOCON file of {@code ./overlay device run --config FILE} and {@code ./overlay connect
 * --config FILE} (docs/tunnels.md):
 *
 * <pre>
 * keys = "/path/to/key-dir"              # ./overlay keys generate --out DIR
 * local-address = "127.0.0.1"            # where the UDP sockets bind (default 127.0.0.1)
 * rendezvous {
 *   address = "127.0.0.1:3478"
 *   peer-id = "..."                      # as ./overlay rendezvous start --dev prints them
 *   static-key = "base64..."
 * }
 * device { name = "camera-1", owner = "&lt;owner peer id&gt;" }   # device only
 * services { http = "127.0.0.1:8080" }                      # device only
 * </pre>
 *
 * Relative {@code keys} paths are resolved against the file's folder. Called by the CLI.
 *
 * @param device the device section, absent in a client's file
 */
public record AgentFile(Path keys, String localAddress, InetSocketAddress rendezvous, PeerId rendezvousPeerId,
        Bytes rendezvousStaticKey, Optional<DeviceSection> device, Map<String, InetSocketAddress> services) {

    /** A device's name and its owner's public key. */
    public record DeviceSection(DeviceId name, PeerId owner) {}

    public AgentFile {
        services = Map.copyOf(services);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException naming the file and the key when something is missing or malformed
     */
    public static AgentFile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such config file: " + file);
        }
        try {
            Config c = ConfigFactory.parseFile(file.toFile()).resolve();
            Path base = file.toAbsolutePath().getParent();
            Optional<DeviceSection> device = c.hasPath("device")
                    ? Optional.of(new DeviceSection(new DeviceId(c.getString("device.name")),
                            PeerId.parse(c.getString("device.owner"))))
                    : Optional.empty();
            Map<String, InetSocketAddress> services = new LinkedHashMap<>();
            if (c.hasPath("services")) {
                for (String name : c.getConfig("services").root().keySet()) {
                    services.put(name, parseAddress(c.getConfig("services").getString(quoted(name))));
                }
            }
            return new AgentFile(base.resolve(c.getString("keys")),
                    c.hasPath("local-address") ? c.getString("local-address") : "127.0.0.1",
                    parseAddress(c.getString("rendezvous.address")), PeerId.parse(c.getString("rendezvous.peer-id")),
                    Bytes.wrapOwned(Base64.getDecoder().decode(c.getString("rendezvous.static-key").strip())),
                    device, services);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** {@code host:port}, host a literal IP (no DNS lookup). */
    public static InetSocketAddress parseAddress(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not host:port: " + text);
        }
        String host = text.substring(0, colon);
        int port = Integer.parseInt(text.substring(colon + 1));
        if (!host.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.')) {
            throw new IllegalArgumentException("not an IPv4 literal: " + host);
        }
        return new InetSocketAddress(host, port);
    }

    private static String quoted(String key) {
        return "\"" + key + "\"";
    }
}
