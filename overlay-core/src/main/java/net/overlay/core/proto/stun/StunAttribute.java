package net.overlay.core.proto.stun;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import net.overlay.core.proto.wire.Bytes;

/**
 * One STUN attribute, decoded (RFC 8489 14, RFC 5780 7, RFC 8445 16.1). Every known type is a
 * record here; any other type is kept as {@link Unknown} so that a server can refuse
 * comprehension-required ones with 420 and a relay can pass the rest on.
 *
 * <p>Records check only what keeps them encodable (non-null, ports and numbers in range). The
 * specification's length limits for strings (USERNAME under 513 bytes, REALM/NONCE/SOFTWARE under
 * 763) are the sender's business: the decoder accepts longer values, and a datagram is at most
 * 64 KiB anyway. Immutable and thread-safe.
 */
public sealed interface StunAttribute {

    /** The attribute's 16-bit type on the wire. */
    int type();

    /** RFC 8489 14.1: the reflexive address in clear (kept for RFC 3489 clients). */
    record MappedAddress(InetSocketAddress address) implements StunAttribute {
        public MappedAddress {
            requireLiteral(address);
        }

        @Override
        public int type() {
            return StunConstants.MAPPED_ADDRESS;
        }
    }

    /** RFC 8489 14.2: the reflexive address, XOR-ed on the wire so that NATs do not rewrite it. */
    record XorMappedAddress(InetSocketAddress address) implements StunAttribute {
        public XorMappedAddress {
            requireLiteral(address);
        }

        @Override
        public int type() {
            return StunConstants.XOR_MAPPED_ADDRESS;
        }
    }

    /** RFC 5780 7.3: the address and port the response was sent from. */
    record ResponseOrigin(InetSocketAddress address) implements StunAttribute {
        public ResponseOrigin {
            requireLiteral(address);
        }

        @Override
        public int type() {
            return StunConstants.RESPONSE_ORIGIN;
        }
    }

    /** RFC 5780 7.4: the server's address that differs in both IP and port from the one used. */
    record OtherAddress(InetSocketAddress address) implements StunAttribute {
        public OtherAddress {
            requireLiteral(address);
        }

        @Override
        public int type() {
            return StunConstants.OTHER_ADDRESS;
        }
    }

    /** RFC 8489 14.3: who the sender claims to be, UTF-8. */
    record Username(String name) implements StunAttribute {
        public Username {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public int type() {
            return StunConstants.USERNAME;
        }
    }

    /** RFC 8489 14.9: the long-term credential realm. */
    record Realm(String realm) implements StunAttribute {
        public Realm {
            Objects.requireNonNull(realm, "realm");
        }

        @Override
        public int type() {
            return StunConstants.REALM;
        }
    }

    /** RFC 8489 14.10: the server's nonce for long-term credentials. */
    record Nonce(String nonce) implements StunAttribute {
        public Nonce {
            Objects.requireNonNull(nonce, "nonce");
        }

        @Override
        public int type() {
            return StunConstants.NONCE;
        }
    }

    /** RFC 8489 14.14: the sender's software, for diagnostics only. */
    record Software(String description) implements StunAttribute {
        public Software {
            Objects.requireNonNull(description, "description");
        }

        @Override
        public int type() {
            return StunConstants.SOFTWARE;
        }
    }

    /** RFC 8489 14.5: HMAC-SHA1 over the message up to this attribute, as found on the wire. */
    record MessageIntegrity(Bytes mac) implements StunAttribute {
        public MessageIntegrity {
            if (mac.length() != StunConstants.MESSAGE_INTEGRITY_BYTES) {
                throw new IllegalArgumentException("HMAC-SHA1 is 20 bytes, got " + mac.length());
            }
        }

        @Override
        public int type() {
            return StunConstants.MESSAGE_INTEGRITY;
        }
    }

    /** RFC 8489 14.6: HMAC-SHA256, possibly truncated to 16..32 bytes in steps of 4. */
    record MessageIntegritySha256(Bytes mac) implements StunAttribute {
        public MessageIntegritySha256 {
            int n = mac.length();
            if (n < StunConstants.MESSAGE_INTEGRITY_SHA256_MIN_BYTES
                    || n > StunConstants.MESSAGE_INTEGRITY_SHA256_MAX_BYTES || n % 4 != 0) {
                throw new IllegalArgumentException("HMAC-SHA256 must be 16..32 bytes in steps of 4: " + n);
            }
        }

        @Override
        public int type() {
            return StunConstants.MESSAGE_INTEGRITY_SHA256;
        }
    }

    /** RFC 8489 14.7: CRC-32 of the message before it, XOR 0x5354554e, as found on the wire. */
    record Fingerprint(int crc) implements StunAttribute {
        @Override
        public int type() {
            return StunConstants.FINGERPRINT;
        }
    }

    /** RFC 8489 14.8: an error response's code (300..699) and reason phrase. */
    record ErrorCode(int code, String reason) implements StunAttribute {
        public ErrorCode {
            Objects.requireNonNull(reason, "reason");
            if (code < 300 || code > 699) {
                throw new IllegalArgumentException("error code must be 300..699: " + code);
            }
        }

        @Override
        public int type() {
            return StunConstants.ERROR_CODE;
        }
    }

    /** RFC 8489 14.13: the comprehension-required types a 420 response refuses. */
    record UnknownAttributes(List<Integer> types) implements StunAttribute {
        public UnknownAttributes {
            types = List.copyOf(types);
            for (int t : types) {
                requireU16(t, "attribute type");
            }
        }

        @Override
        public int type() {
            return StunConstants.UNKNOWN_ATTRIBUTES;
        }
    }

    /** RFC 8445 16.1: the candidate priority, an unsigned 32-bit number. */
    record Priority(long priority) implements StunAttribute {
        public Priority {
            if (priority < 0 || priority > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("priority must fit 32 unsigned bits: " + priority);
            }
        }

        @Override
        public int type() {
            return StunConstants.PRIORITY;
        }
    }

    /** RFC 8445 16.1: the sender is the controlled agent; the 64-bit tiebreaker breaks role conflicts. */
    record IceControlled(long tiebreaker) implements StunAttribute {
        @Override
        public int type() {
            return StunConstants.ICE_CONTROLLED;
        }
    }

    /** RFC 8445 16.1: the sender is the controlling agent. */
    record IceControlling(long tiebreaker) implements StunAttribute {
        @Override
        public int type() {
            return StunConstants.ICE_CONTROLLING;
        }
    }

    /** RFC 5780 7.2: ask the server to answer from its other IP and/or other port. */
    record ChangeRequest(boolean changeIp, boolean changePort) implements StunAttribute {
        @Override
        public int type() {
            return StunConstants.CHANGE_REQUEST;
        }
    }

    /** RFC 5780 7.5: send the response to this port (at the request's source IP). */
    record ResponsePort(int port) implements StunAttribute {
        public ResponsePort {
            requireU16(port, "port");
        }

        @Override
        public int type() {
            return StunConstants.RESPONSE_PORT;
        }
    }

    /** RFC 5780 7.6: filler whose content is ignored; encoded as zeros. */
    record Padding(int lengthBytes) implements StunAttribute {
        public Padding {
            requireU16(lengthBytes, "padding length");
        }

        @Override
        public int type() {
            return StunConstants.PADDING;
        }
    }

    /** Any attribute type this codec does not know, value kept as found. */
    record Unknown(int type, Bytes value) implements StunAttribute {
        public Unknown {
            requireU16(type, "attribute type");
            Objects.requireNonNull(value, "value");
        }

        /** RFC 8489 14: whether a receiver that does not know it must refuse the message. */
        public boolean comprehensionRequired() {
            return StunConstants.isComprehensionRequired(type);
        }
    }

    private static void requireLiteral(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("address must be a literal IP, not a name: " + address);
        }
    }

    private static void requireU16(int value, String what) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " must fit 16 bits: " + value);
        }
    }
}
