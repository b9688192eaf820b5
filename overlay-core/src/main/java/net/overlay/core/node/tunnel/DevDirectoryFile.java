package net.overlay.core.node.tunnel;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import net.overlay.core.node.SystemRandomSource;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.proto.rendezvous.Directory.DeviceRecord;
import net.overlay.core.proto.rendezvous.InMemoryDirectory;

/**
 * The directory of a development rendezvous ({@code ./overlay rendezvous start --dev --directory
 * FILE}), in HOCON, until the cluster's store exists (issue #6):
 *
 * <pre>
 * devices = [ { name = "camera-1", peer-id = "...", owner = "..." } ]
 * grants = [ { owner-keys = "owner-keys", user = "...", device = "camera-1", services = [http], valid-days = 30 } ]
 * </pre>
 *
 * Dev shortcut: each grant is signed at load time with the owner's private key read from {@code
 * owner-keys} (a key directory; relative to the file's folder); it must match the device's owner.
 * Called by the CLI.
 */
public final class DevDirectoryFile {
    private static final long DAY_MS = 86_400_000L;

    private DevDirectoryFile() {}

    /**
     * Reads {@code file} into a directory.
     *
     * @throws IllegalArgumentException naming the file and what is wrong
     * @throws IOException when an owner's key directory cannot be read
     */
    public static InMemoryDirectory load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such directory file: " + file);
        }
        Path base = file.toAbsolutePath().getParent();
        InMemoryDirectory dir = new InMemoryDirectory();
        try {
            Config c = ConfigFactory.parseFile(file.toFile()).resolve();
            java.util.Map<DeviceId, PeerId> owners = new java.util.HashMap<>();
            for (Config d : c.hasPath("devices") ? c.getConfigList("devices") : java.util.List.<Config>of()) {
                DeviceRecord r = new DeviceRecord(new DeviceId(d.getString("name")), PeerId.parse(d.getString("peer-id")),
                        PeerId.parse(d.getString("owner")));
                dir.addDevice(r);
                owners.put(r.id(), r.owner());
            }
            for (Config g : c.hasPath("grants") ? c.getConfigList("grants") : java.util.List.<Config>of()) {
                Identity owner = KeyDirectory.read(base.resolve(g.getString("owner-keys")));
                DeviceId device = new DeviceId(g.getString("device"));
                if (!owner.peerId().equals(owners.get(device))) {
                    throw new IllegalArgumentException("grant for " + device.name()
                            + ": owner-keys is not the owner of a device listed in devices");
                }
                long days = g.hasPath("valid-days") ? g.getLong("valid-days") : 30;
                Set<String> services = new HashSet<>(g.getStringList("services"));
                dir.addGrant(Grant.issue(owner, PeerId.parse(g.getString("user")), device, services, Role.USER,
                        System.currentTimeMillis() + days * DAY_MS, new SystemRandomSource()));
            }
        } catch (ConfigException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return dir;
    }
}
