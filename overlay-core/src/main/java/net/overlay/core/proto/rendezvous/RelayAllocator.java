package net.overlay.core.proto.rendezvous;

import java.net.InetSocketAddress;
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

    /**
     * An allocation for a client and a device whose sessions with the rendezvous come from
     * {@code clientAddress} and {@code deviceAddress}: a relay sharing the rendezvous's socket can
     * vouch for both at once, so the first relayed packets need not wait for each side to speak.
     * {@code clientAddress} is null when the client's session is with another cluster node (a
     * forwarded connect): that address says nothing about the client's mapping toward this relay.
     */
    Optional<RelayPair> allocate(long nowNs, PeerId client, InetSocketAddress clientAddress, DeviceId device,
            InetSocketAddress deviceAddress);
}
