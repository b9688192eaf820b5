package net.overlay.core.proto.stun;

import java.net.InetSocketAddress;
import java.util.Objects;
import net.overlay.core.proto.wire.Bytes;

/** A datagram a {@link BindingTransaction} wants sent, and where to. */
public record StunTransmit(InetSocketAddress to, Bytes datagram) {
    public StunTransmit {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(datagram, "datagram");
    }
}
