package net.overlay.core.proto.session;

/**
 * Tunables of the session transport crypto.
 *
 * @param replayWindowPackets size of the anti-replay bitmap in packets: a power of two from 128
 *     to 65536. A packet this many numbers (less 64, see {@link ReplayWindow}) behind the highest
 *     seen is dropped as too old. 8192 covers a few milliseconds of reordering at line rate, as
 *     in WireGuard, for 1 KiB of state per session
 * @param rekeyAfterPackets after sealing this many packets the sealer reports that a rekey is due
 * @param rejectAfterPackets the sealer refuses to seal, and the opener to accept, packet number
 *     {@code rejectAfterPackets} and above; at most {@link SessionConstants#MAX_PACKETS}
 */
public record SessionConfig(int replayWindowPackets, long rekeyAfterPackets, long rejectAfterPackets) {
    /** The default configuration. */
    public static final SessionConfig DEFAULT = new SessionConfig(
            8192, SessionConstants.MAX_PACKETS - (1L << 32), SessionConstants.MAX_PACKETS);

    public SessionConfig {
        if (replayWindowPackets < 128 || replayWindowPackets > 65536 || Integer.bitCount(replayWindowPackets) != 1) {
            throw new IllegalArgumentException("replayWindowPackets must be a power of two in [128, 65536], got "
                    + replayWindowPackets);
        }
        if (rejectAfterPackets < 1 || rejectAfterPackets > SessionConstants.MAX_PACKETS) {
            throw new IllegalArgumentException("rejectAfterPackets must be in [1, 2^60], got " + rejectAfterPackets);
        }
        if (rekeyAfterPackets < 1 || rekeyAfterPackets > rejectAfterPackets) {
            throw new IllegalArgumentException("rekeyAfterPackets must be in [1, rejectAfterPackets], got "
                    + rekeyAfterPackets);
        }
    }

    /** A copy with a different packet limit, rekey advised at the same point (for tests and short-lived keys). */
    public SessionConfig withPacketLimit(long packets) {
        return new SessionConfig(replayWindowPackets, packets, packets);
    }
}
