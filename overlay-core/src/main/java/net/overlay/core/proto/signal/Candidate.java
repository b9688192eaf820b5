package net.overlay.core.proto.signal;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An address where a peer might be reached directly (ICE's vocabulary, RFC 8445 5.1.1).
 *
 * @param type how the address was learned
 * @param address the transport address
 */
public record Candidate(Type type, InetSocketAddress address) {

    /** Candidate types, with ICE's type preferences where ICE has them. */
    public enum Type {
        /** A local interface address: works on the same LAN. */
        HOST(1),
        /** The address a rendezvous saw (STUN): works through endpoint-independent NATs. */
        SERVER_REFLEXIVE(2),
        /** A guessed future mapping of a NAT with sequential port allocation. */
        PREDICTED(3);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static Type fromCode(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }

    public Candidate {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("candidate address must be resolved: " + address);
        }
    }
}
