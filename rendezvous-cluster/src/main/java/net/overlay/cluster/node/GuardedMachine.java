package net.overlay.cluster.node;

import java.net.InetSocketAddress;
import java.util.Objects;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.rendezvous.RendezvousMachine;

/**
 * The node's {@link RendezvousMachine} behind a guard, as its driver sees it: datagrams longer than
 * the configured maximum and datagrams over their source's token bucket are dropped and counted
 * before any parsing, so a flood from one source costs a map lookup per datagram and never reaches
 * the handshake code. Everything else passes through unchanged. Runs on the driver's thread only.
 */
final class GuardedMachine implements DatagramMachine<RendezvousMachine.Event> {
    private final RendezvousMachine inner;
    private final SourceRateLimiter limiter;
    private final int maxDatagramBytes;
    private final NodeMetrics metrics;

    GuardedMachine(RendezvousMachine inner, SourceRateLimiter limiter, int maxDatagramBytes, NodeMetrics metrics) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.maxDatagramBytes = maxDatagramBytes;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    RendezvousMachine inner() {
        return inner;
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        if (len > maxDatagramBytes) {
            metrics.droppedOversize.increment();
            return;
        }
        switch (limiter.admit(nowNs, from.getAddress())) {
            case PASS -> {
                metrics.datagramsIn.increment();
                inner.handleDatagram(nowNs, socket, from, buf, off, len);
            }
            case RATE_LIMITED -> metrics.droppedRateLimited.increment();
            case TABLE_FULL -> metrics.droppedTooManySources.increment();
        }
    }

    @Override
    public void handleTimeout(long nowNs) {
        inner.handleTimeout(nowNs);
    }

    @Override
    public Transmit pollTransmit() {
        return inner.pollTransmit();
    }

    @Override
    public RendezvousMachine.Event pollEvent() {
        return inner.pollEvent();
    }

    @Override
    public long pollTimeoutNs() {
        return inner.pollTimeoutNs();
    }
}
