package net.overlay.cluster.store;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the admin API (through {@link StoreClient}) asks the single-writer {@link DirectoryAggregate}
 * to do (imperative). Fields are text, as in {@link StoreEvent}, and are checked by
 * {@link StoreDecisions}; {@code nowMs} is the caller's wall clock, which decides expiry, so that
 * tests can move time. Every command gets one {@link StoreReply}.
 */
public sealed interface StoreCommand extends StoreSerializable {

    ActorRef<StoreReply> replyTo();

    /** A command that may change the directory. */
    sealed interface Write extends StoreCommand {
        long nowMs();
    }

    /** Adds a user, or changes its role. */
    record AddUser(String key, UserRole role, long nowMs, ActorRef<StoreReply> replyTo) implements Write {}

    record RemoveUser(String key, long nowMs, ActorRef<StoreReply> replyTo) implements Write {}

    record AddDevice(String name, String deviceKey, String owner, long nowMs, ActorRef<StoreReply> replyTo)
            implements Write {}

    record RemoveDevice(String name, long nowMs, ActorRef<StoreReply> replyTo) implements Write {}

    /** Stores an owner-signed grant ({@code grant}: base64 of its wire encoding). */
    record PutGrant(String grant, long nowMs, ActorRef<StoreReply> replyTo) implements Write {}

    record RevokeGrant(String user, String device, long nowMs, ActorRef<StoreReply> replyTo) implements Write {}

    /** Issues a claim code; the caller drew the code and passes only its hash. */
    record IssueClaimCode(String codeHash, String owner, String device, long expiresAtMs, long nowMs,
            ActorRef<StoreReply> replyTo) implements Write {}

    /** Spends a claim code, registering {@code device} with {@code deviceKey} to the code's owner. */
    record RedeemClaimCode(String codeHash, String device, String deviceKey, long nowMs,
            ActorRef<StoreReply> replyTo) implements Write {}

    /** Asks for the last sequence number: the readiness probe's proof that the store answers. */
    record GetStatus(ActorRef<StoreReply> replyTo) implements StoreCommand {}
}
