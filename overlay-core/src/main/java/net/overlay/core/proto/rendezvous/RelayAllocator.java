package net.overlay.core.proto.rendezvous;

import java.util.Optional;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.signal.RelayGrant;

/**
 * Where the broker gets relay allocations: the relay core embedded in the same node, or a relay
 * node elsewhere in the cluster. Empty when no relay has capacity.
 */
public interface RelayAllocator {

    /** The two sides' shares of one allocation. */
    record RelayPair(RelayGrant client, RelayGrant device) {}

    Optional<RelayPair> allocate(long nowNs, PeerId client, DeviceId device);
}
