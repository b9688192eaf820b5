package net.overlay.core.proto.relay;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One allocation's mutable state inside {@link Relay}: the two tokens, expiry, budgets, and each
 * side's learned address. Package-private: the outside sees {@link AllocationStatus} snapshots.
 */
final class Allocation {
    final long clientToken;
    final long deviceToken;
    final AllocationLimits limits;
    final TokenBucket bucket;
    long expiresAtNs;
    /** The allocation's idle timeout (the relay's setting). */
    final long idleNs;
    /** When a packet carrying one of its tokens last came (or it was created or vouched for). */
    long lastActiveNs;
    /** This allocation's key in the expiry heap; changed only while it is out of the heap. */
    long scheduledNs;
    long bytesForwarded;
    long packetsForwarded;
    long roams;
    boolean budgetReported;
    /** Where to send what the device sends: the client's learned address, null until known. */
    Verdict.Forward client;
    /** Where to send what the client sends, likewise. */
    Verdict.Forward device;

    Allocation(long clientToken, long deviceToken, AllocationLimits limits, long idleNs, long nowNs) {
        this.clientToken = clientToken;
        this.deviceToken = deviceToken;
        this.limits = limits;
        this.bucket = new TokenBucket(limits.rateBytesPerSecond(), limits.burstBytes(), nowNs);
        this.expiresAtNs = Relay.saturatedAdd(nowNs, limits.lifetimeNs());
        this.idleNs = idleNs;
        this.lastActiveNs = nowNs;
        this.scheduledNs = endNs();
    }

    /** When it ends unless refreshed or used again: the lifetime's end or the idle timeout's, the earlier. */
    long endNs() {
        return Math.min(expiresAtNs, Relay.saturatedAdd(lastActiveNs, idleNs));
    }

    boolean isLive(long nowNs) {
        return nowNs < endNs();
    }

    AllocationStatus status() {
        return new AllocationStatus(clientToken, deviceToken, expiresAtNs, limits, bytesForwarded, packetsForwarded,
                address(client), address(device), roams);
    }

    private static Optional<InetSocketAddress> address(Verdict.Forward side) {
        return side == null ? Optional.empty() : Optional.of(side.to());
    }
}
