package net.overlay.cluster.store;

/**
 * What happened to the directory, as the journal keeps it (past tense). Fields are plain text
 * (peer ids in base32, grants in base64 of their wire encoding) so that events stay readable and
 * stable in Jackson CBOR whatever the in-memory types become. Each carries the wall-clock time it
 * was decided at ({@code atMs}), for audit.
 *
 * <p>Written only by {@link DirectoryAggregate}; applied by {@link DirectoryState#apply}, both in the
 * aggregate and in every node's read model.
 */
public sealed interface StoreEvent extends StoreSerializable {

    /** Milliseconds since the epoch when the aggregate accepted the command. */
    long atMs();

    /** A user (an Ed25519 public key) was added, or its role changed. */
    record UserAdded(String key, UserRole role, long atMs) implements StoreEvent {}

    /** A user was removed; grants held by it go with it. */
    record UserRemoved(String key, long atMs) implements StoreEvent {}

    /** A device was registered by an administrator, with its key and owner. */
    record DeviceAdded(String name, String deviceKey, String owner, long atMs) implements StoreEvent {}

    /** A device was removed; grants for it go with it. */
    record DeviceRemoved(String name, long atMs) implements StoreEvent {}

    /** An owner-signed grant was stored, replacing any earlier one for the same user and device. */
    record GrantStored(String grant, long atMs) implements StoreEvent {}

    /**
     * The grant for {@code user} on {@code device} was revoked; its nonce ({@code nonceHex}) is
     * remembered so that the same signed grant cannot be stored again.
     */
    record GrantRevoked(String user, String device, String nonceHex, long atMs) implements StoreEvent {}

    /**
     * A claim code was issued for {@code owner}; only its SHA-256 ({@code codeHash}, hex) is kept.
     * {@code device} is the name the device must take, or empty when the device chooses.
     */
    record ClaimCodeIssued(String codeHash, String owner, String device, long expiresAtMs, long atMs)
            implements StoreEvent {}

    /** A claim code was used: the code is spent and the device is registered to the code's owner. */
    record ClaimCodeRedeemed(String codeHash, String device, String deviceKey, long atMs) implements StoreEvent {}
}
