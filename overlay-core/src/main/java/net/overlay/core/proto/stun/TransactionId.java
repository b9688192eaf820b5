package net.overlay.core.proto.stun;

import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * The 96-bit transaction id of a STUN message (RFC 8489 5). Immutable; compare with equals.
 *
 * @param value exactly {@link StunConstants#TRANSACTION_ID_BYTES} bytes
 */
public record TransactionId(Bytes value) {
    public TransactionId {
        if (value.length() != StunConstants.TRANSACTION_ID_BYTES) {
            throw new IllegalArgumentException("transaction id must be 12 bytes, got " + value.length());
        }
    }

    /** RFC 8489 5: ids are uniformly random so that off-path attackers cannot forge responses. */
    public static TransactionId random(RandomSource random) {
        byte[] id = new byte[StunConstants.TRANSACTION_ID_BYTES];
        random.nextKeyBytes(id);
        return new TransactionId(Bytes.wrapOwned(id));
    }

    public static TransactionId fromHex(String hex) {
        return new TransactionId(Bytes.fromHex(hex));
    }

    @Override
    public String toString() {
        return value.toHex();
    }
}
