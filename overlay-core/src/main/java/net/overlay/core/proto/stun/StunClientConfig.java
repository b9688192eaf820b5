package net.overlay.core.proto.stun;

/**
 * Tunables of a {@link BindingTransaction}; defaults are RFC 8489 6.2.1's recommendations.
 *
 * @param initialRtoNs    first retransmission timeout, doubled after each send (RFC: 500 ms)
 * @param maxTransmits    Rc, the number of requests sent in all (RFC: 7)
 * @param lastWaitFactor  Rm: after the last request, wait Rm times the initial RTO (RFC: 16)
 * @param fingerprint     whether requests carry FINGERPRINT
 * @param paddingBytes    PADDING added to requests (RFC 5780 7.6), 0 for none; a larger request
 *                        earns a larger reply under a server's amplification bound
 */
public record StunClientConfig(
        long initialRtoNs, int maxTransmits, int lastWaitFactor, boolean fingerprint, int paddingBytes) {

    /** RFC 8489 6.2.1: RTO 500 ms, Rc = 7, Rm = 16; with FINGERPRINT, no padding. */
    public static final StunClientConfig DEFAULT = new StunClientConfig(500_000_000L, 7, 16, true, 0);

    public StunClientConfig {
        if (initialRtoNs <= 0) {
            throw new IllegalArgumentException("initialRtoNs must be positive: " + initialRtoNs);
        }
        if (maxTransmits < 1 || maxTransmits > 30) {
            throw new IllegalArgumentException("maxTransmits must be 1..30: " + maxTransmits);
        }
        if (lastWaitFactor < 1) {
            throw new IllegalArgumentException("lastWaitFactor must be at least 1: " + lastWaitFactor);
        }
        if (paddingBytes < 0 || paddingBytes > 1400 || paddingBytes % 4 != 0) {
            throw new IllegalArgumentException("paddingBytes must be 0..1400 in steps of 4: " + paddingBytes);
        }
    }

    public StunClientConfig withPaddingBytes(int bytes) {
        return new StunClientConfig(initialRtoNs, maxTransmits, lastWaitFactor, fingerprint, bytes);
    }
}
