package net.overlay.cluster.store;

/** The aggregate's answer to one {@link StoreCommand} (a noun). */
public sealed interface StoreReply extends StoreSerializable {

    /**
     * Accepted and persisted (or already so: an idempotent repeat persists nothing); {@code seqNr}
     * is the journal position that holds it, which a read model can wait for.
     */
    record Done(long seqNr) implements StoreReply {}

    /** Refused, with the reason a user can act on; nothing was written. */
    record Rejected(Reason reason, String message) implements StoreReply {}

    /** Why a command was refused; the admin API maps these to 400, 404 and 409. */
    enum Reason {
        INVALID,
        NOT_FOUND,
        CONFLICT
    }
}
