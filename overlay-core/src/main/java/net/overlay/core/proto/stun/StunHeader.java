package net.overlay.core.proto.stun;

/**
 * The parts of a STUN header that identify a message: class, method, transaction id. Carried by
 * {@link StunException} when the header was sound but the attributes were not, so that a server
 * can still answer 400 to that transaction.
 */
public record StunHeader(StunClass messageClass, int method, TransactionId transactionId) {
    public StunHeader {
        if (messageClass == null || transactionId == null) {
            throw new NullPointerException("messageClass and transactionId are required");
        }
        if (method < 0 || method > StunConstants.MAX_METHOD) {
            throw new IllegalArgumentException("method must fit 12 bits: " + method);
        }
    }
}
