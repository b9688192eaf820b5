package net.overlay.core.proto.relay;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one allocation ({@link Relay#status}), for the rendezvous's metrics and for tests.
 *
 * @param client the client's learned address, empty until it has sent a valid packet
 * @param device the device's learned address, likewise
 * @param roams how often a side's address changed after it was first learned
 */
public record AllocationStatus(long clientToken, long deviceToken, long expiresAtNs, AllocationLimits limits,
        long bytesForwarded, long packetsForwarded, Optional<InetSocketAddress> client,
        Optional<InetSocketAddress> device, long roams) {

    public AllocationStatus {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(device, "device");
    }
}
