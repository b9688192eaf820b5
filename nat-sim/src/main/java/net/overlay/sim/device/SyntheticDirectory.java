package net.overlay.sim.device;

import java.util.Optional;
import java.util.Set;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.proto.rendezvous.Directory;
import net.overlay.core.spi.RandomSource;

/**
 * The rendezvous directory of a simulated population, computed instead of stored: device
 * {@code dev-<n>} exists for n below the device count, all devices share one key pair and one owner,
 * and the one simulated user holds an owner-signed grant for {@code http} on every device (signed
 * when asked, with a nonce seeded by the device's name). Shared identities are a benchmark
 * simplification, said so in docs/simulator.md: the protocol work per device (handshakes, signatures,
 * checks) is the same as with distinct keys, only key generation is saved.
 *
 * <p>Stateless, hence safe to share between the regions' threads.
 */
final class SyntheticDirectory implements Directory {
    static final String SERVICE = "http";
    private final int devices;
    private final Identity owner;
    private final PeerId deviceKey;
    private final PeerId user;
    private final long grantNotAfterMs;

    SyntheticDirectory(int devices, Identity owner, PeerId deviceKey, PeerId user, long grantNotAfterMs) {
        this.devices = devices;
        this.owner = owner;
        this.deviceKey = deviceKey;
        this.user = user;
        this.grantNotAfterMs = grantNotAfterMs;
    }

    @Override
    public Optional<DeviceRecord> device(DeviceId id) {
        int n = number(id);
        return n < 0 ? Optional.empty() : Optional.of(new DeviceRecord(id, deviceKey, owner.peerId()));
    }

    @Override
    public Optional<Grant> grant(PeerId who, DeviceId device) {
        if (!who.equals(user) || number(device) < 0) return Optional.empty();
        return Optional.of(Grant.issue(owner, user, device, Set.of(SERVICE), Role.USER, grantNotAfterMs,
                RandomSource.seeded(device.name().hashCode())));
    }

    private int number(DeviceId id) {
        String name = id.name();
        if (!name.startsWith("dev-") || name.length() > 13) return -1;
        try {
            int n = Integer.parseInt(name, 4, name.length(), 10);
            return n >= 0 && n < devices && name.equals(Topology.deviceName(n)) ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
