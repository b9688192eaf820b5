package net.overlay.core.proto.signal;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A side's share of a relay allocation: where the relay is and the token that side sends with.
 *
 * @param relay the relay's address
 * @param token this side's 64-bit allocation token (never 0)
 * @param expiresInMs how long the allocation lives unless refreshed
 */
public record RelayGrant(InetSocketAddress relay, long token, long expiresInMs) {
    public RelayGrant {
        Objects.requireNonNull(relay, "relay");
        if (token == 0) {
            throw new IllegalArgumentException("relay token 0 is reserved");
        }
        if (expiresInMs < 0) {
            throw new IllegalArgumentException("expiresInMs must be >= 0");
        }
    }
}
