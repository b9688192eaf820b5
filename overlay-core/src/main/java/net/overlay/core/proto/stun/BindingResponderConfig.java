package net.overlay.core.proto.stun;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link BindingResponder} listens and what it says about itself.
 *
 * @param primary   the primary address and port (RFC 5780's A1:P1)
 * @param alternate the alternate address and port (A2:P2), differing in both IP and port, when the
 *                  server is bound on all four combinations; empty for a plain RFC 8489 server,
 *                  which then refuses CHANGE-REQUEST with 420 and sends no OTHER-ADDRESS (RFC 5780 6.1)
 * @param software  the SOFTWARE attribute to send when the amplification budget allows
 */
public record BindingResponderConfig(
        InetSocketAddress primary, Optional<InetSocketAddress> alternate, Optional<String> software) {

    public BindingResponderConfig {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(alternate, "alternate");
        Objects.requireNonNull(software, "software");
        alternate.ifPresent(alt -> {
            // RFC 5780 6: OTHER-ADDRESS and CHANGE-REQUEST need a second IP with the same two ports
            if (alt.getAddress().equals(primary.getAddress()) || alt.getPort() == primary.getPort()) {
                throw new IllegalArgumentException(
                        "alternate " + alt + " must differ from primary " + primary + " in both IP and port");
            }
            if (alt.getAddress().getAddress().length != primary.getAddress().getAddress().length) {
                throw new IllegalArgumentException("primary and alternate must be of the same family");
            }
        });
    }

    /** A plain RFC 8489 server on one address, no RFC 5780 behaviour discovery. */
    public static BindingResponderConfig single(InetSocketAddress primary, String software) {
        return new BindingResponderConfig(primary, Optional.empty(), Optional.of(software));
    }

    /** An RFC 5780 server bound on {primary, alternate IP} x {primary, alternate port}. */
    public static BindingResponderConfig withAlternate(
            InetSocketAddress primary, InetSocketAddress alternate, String software) {
        return new BindingResponderConfig(primary, Optional.of(alternate), Optional.of(software));
    }
}
