package net.overlay.cluster.service;

import java.util.Objects;
import java.util.Optional;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.rendezvous.Directory;

/**
 * A {@link Directory} whose backing directory is set once the store is up: the node must exist
 * (its actor system hosts the store) before the store can, so the broker starts with this
 * delegate, which knows no device until {@link #use} is called. A device that says hello in that
 * window is refused and retries, as with any unknown device. Thread-safe: the protocol thread
 * reads, the starting thread writes once.
 */
final class SwitchableDirectory implements Directory {
    private static final Directory EMPTY = new Directory() {
        @Override
        public Optional<DeviceRecord> device(DeviceId id) {
            return Optional.empty();
        }

        @Override
        public Optional<Grant> grant(PeerId user, DeviceId device) {
            return Optional.empty();
        }
    };

    private volatile Directory delegate = EMPTY;

    void use(Directory directory) {
        this.delegate = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public Optional<DeviceRecord> device(DeviceId id) {
        return delegate.device(id);
    }

    @Override
    public Optional<Grant> grant(PeerId user, DeviceId device) {
        return delegate.grant(user, device);
    }
}
