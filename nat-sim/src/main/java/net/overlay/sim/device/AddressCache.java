package net.overlay.sim.device;

import java.net.InetSocketAddress;
import net.overlay.core.nat.Endpoints;
import net.overlay.sim.SplitMix64;

/**
 * Socket addresses of packed endpoints, made once and handed out again: the machines take the
 * source of every datagram as an {@link InetSocketAddress} and keep it in their sessions' paths, so
 * one made per datagram cost about 110 bytes of heap for each address a session held and an
 * allocation per delivery (issue #5). Direct-mapped: an endpoint whose slot another took gets a new
 * address, which only costs the sharing, never correctness (addresses compare by value).
 *
 * <p>One per region (the workload's regions each run on one thread at a time); not thread-safe.
 */
final class AddressCache {
    private static final int SLOTS = 1 << 14;

    private final long[] endpoints = new long[SLOTS];
    private final InetSocketAddress[] addresses = new InetSocketAddress[SLOTS];

    /** The address of {@code endpoint} (packed as {@link Endpoints} packs them). */
    InetSocketAddress of(long endpoint) {
        int slot = (int) SplitMix64.mix(endpoint) & (SLOTS - 1);
        InetSocketAddress a = addresses[slot];
        if (a == null || endpoints[slot] != endpoint) {
            a = Endpoints.toSocketAddress(endpoint);
            addresses[slot] = a;
            endpoints[slot] = endpoint;
        }
        return a;
    }
}
