package net.overlay.cluster.store;

import java.util.List;

/**
 * An immutable copy of {@link DirectoryState} for the snapshot store, so that a restart replays
 * only the events after it. Devices and claim codes reuse the event records' shapes; their
 * {@code atMs} is zero.
 */
public record StoreSnapshot(
        List<User> users,
        List<StoreEvent.DeviceAdded> devices,
        List<String> grants,
        List<String> revokedNonces,
        List<StoreEvent.ClaimCodeIssued> claimCodes) implements StoreSerializable {

    public StoreSnapshot {
        users = List.copyOf(users);
        devices = List.copyOf(devices);
        grants = List.copyOf(grants);
        revokedNonces = List.copyOf(revokedNonces);
        claimCodes = List.copyOf(claimCodes);
    }

    /** One user and its role. */
    public record User(String key, UserRole role) {}
}
