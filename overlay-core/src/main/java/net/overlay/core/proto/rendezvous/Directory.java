package net.overlay.core.proto.rendezvous;

import java.util.Optional;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.PeerId;

/**
 * The durable facts the broker consults: which devices exist, who owns them, and which grants
 * owners have signed. The rendezvous cluster backs it with its event-sourced store; tests and the
 * simulator use {@link InMemoryDirectory}. Lookups are synchronous and fast (a cache in front of the
 * store), since the broker runs on one thread.
 */
public interface Directory {

    /** A device the directory knows: its name, its own key, and its owner's key. */
    record DeviceRecord(DeviceId id, PeerId deviceKey, PeerId owner) {}

    Optional<DeviceRecord> device(DeviceId id);

    /** The owner-signed grant that lets {@code user} reach {@code device}, if any. */
    Optional<Grant> grant(PeerId user, DeviceId device);
}
