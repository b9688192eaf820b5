package net.overlay.core.proto.rendezvous;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.PeerId;

/** A {@link Directory} held in maps: for tests, the simulator and a single development node. */
public final class InMemoryDirectory implements Directory {
    private final Map<DeviceId, DeviceRecord> devices = new HashMap<>();
    private final Map<PeerId, Map<DeviceId, Grant>> grants = new HashMap<>();

    public InMemoryDirectory addDevice(DeviceRecord record) {
        devices.put(record.id(), record);
        return this;
    }

    /** Stores {@code grant}, replacing an earlier one for the same user and device. */
    public InMemoryDirectory addGrant(Grant grant) {
        grants.computeIfAbsent(grant.user(), u -> new HashMap<>()).put(grant.device(), grant);
        return this;
    }

    public InMemoryDirectory revokeGrant(PeerId user, DeviceId device) {
        Map<DeviceId, Grant> g = grants.get(user);
        if (g != null) {
            g.remove(device);
        }
        return this;
    }

    @Override
    public Optional<DeviceRecord> device(DeviceId id) {
        return Optional.ofNullable(devices.get(id));
    }

    @Override
    public Optional<Grant> grant(PeerId user, DeviceId device) {
        return Optional.ofNullable(grants.getOrDefault(user, Map.of()).get(device));
    }
}
