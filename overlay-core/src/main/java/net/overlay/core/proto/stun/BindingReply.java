package net.overlay.core.proto.stun;

import java.net.InetSocketAddress;
import java.util.Objects;
import net.overlay.core.proto.wire.Bytes;

/**
 * A response the {@link BindingResponder} wants sent: the datagram, the local address and port to
 * send it from (RFC 5780 CHANGE-REQUEST may pick the alternate ones), and the destination.
 */
public record BindingReply(Bytes datagram, InetSocketAddress from, InetSocketAddress to) {
    public BindingReply {
        Objects.requireNonNull(datagram, "datagram");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
