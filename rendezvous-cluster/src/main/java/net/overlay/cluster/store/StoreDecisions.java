package net.overlay.cluster.store;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.overlay.cluster.store.StoreCommand.AddDevice;
import net.overlay.cluster.store.StoreCommand.AddUser;
import net.overlay.cluster.store.StoreCommand.IssueClaimCode;
import net.overlay.cluster.store.StoreCommand.PutGrant;
import net.overlay.cluster.store.StoreCommand.RedeemClaimCode;
import net.overlay.cluster.store.StoreCommand.RemoveDevice;
import net.overlay.cluster.store.StoreCommand.RemoveUser;
import net.overlay.cluster.store.StoreCommand.RevokeGrant;
import net.overlay.cluster.store.StoreReply.Reason;
import net.overlay.cluster.store.StoreReply.Rejected;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.identity.Verdict;
import net.overlay.core.proto.rendezvous.Directory.DeviceRecord;

/**
 * The rules of the directory: checks one write command against the current state and turns it into
 * the events to persist, or a refusal. Pure (no actor, no clock: time is the command's
 * {@code nowMs}), so every rule is tested without Pekko. Called by {@link DirectoryAggregate} only.
 */
public final class StoreDecisions {

    /** The outcome: events to persist (none for an idempotent repeat), or a refusal. */
    public sealed interface Decision {}

    public record Persist(List<StoreEvent> events) implements Decision {}

    public record Refuse(Rejected rejected) implements Decision {}

    private StoreDecisions() {}

    /** Decides {@code command} against {@code state}; never throws on bad command fields. */
    public static Decision decide(DirectoryState state, StoreCommand.Write command) {
        try {
            return switch (command) {
                case AddUser c -> addUser(state, c);
                case RemoveUser c -> removeUser(state, c);
                case AddDevice c -> addDevice(state, c);
                case RemoveDevice c -> removeDevice(state, c);
                case PutGrant c -> putGrant(state, c);
                case RevokeGrant c -> revokeGrant(state, c);
                case IssueClaimCode c -> issueClaimCode(state, c);
                case RedeemClaimCode c -> redeemClaimCode(state, c);
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            return refuse(Reason.INVALID, e.getMessage() == null ? "missing field" : e.getMessage());
        }
    }

    private static Decision addUser(DirectoryState s, AddUser c) {
        PeerId key = PeerId.parse(c.key());
        if (c.role() == null) {
            return refuse(Reason.INVALID, "role is missing; use admin or user");
        }
        if (s.role(key).equals(Optional.of(c.role()))) {
            return persist();
        }
        return persist(new StoreEvent.UserAdded(key.text(), c.role(), c.nowMs()));
    }

    private static Decision removeUser(DirectoryState s, RemoveUser c) {
        PeerId key = PeerId.parse(c.key());
        if (s.role(key).isEmpty()) {
            return refuse(Reason.NOT_FOUND, "no user " + key);
        }
        List<String> owned = s.devices().stream().filter(d -> d.owner().equals(key))
                .map(d -> d.id().name()).toList();
        if (!owned.isEmpty()) {
            return refuse(Reason.CONFLICT, "user " + key + " owns devices " + owned + "; remove them first");
        }
        return persist(new StoreEvent.UserRemoved(key.text(), c.nowMs()));
    }

    private static Decision addDevice(DirectoryState s, AddDevice c) {
        DeviceId id = new DeviceId(c.name());
        PeerId deviceKey = PeerId.parse(c.deviceKey());
        PeerId owner = PeerId.parse(c.owner());
        if (s.role(owner).isEmpty()) {
            return refuse(Reason.NOT_FOUND, "owner " + owner + " is not a user; add it first");
        }
        Optional<DeviceRecord> existing = s.device(id);
        if (existing.isPresent()) {
            return existing.get().equals(new DeviceRecord(id, deviceKey, owner)) ? persist()
                    : refuse(Reason.CONFLICT, "device " + id + " exists with another key or owner");
        }
        Optional<Decision> keyTaken = keyTaken(s, deviceKey);
        return keyTaken.orElseGet(() -> persist(new StoreEvent.DeviceAdded(id.name(), deviceKey.text(),
                owner.text(), c.nowMs())));
    }

    private static Optional<Decision> keyTaken(DirectoryState s, PeerId deviceKey) {
        return s.deviceWithKey(deviceKey).map(d -> refuse(Reason.CONFLICT,
                "device key " + deviceKey + " already belongs to device " + d.id()));
    }

    private static Decision removeDevice(DirectoryState s, RemoveDevice c) {
        DeviceId id = new DeviceId(c.name());
        if (s.device(id).isEmpty()) {
            return refuse(Reason.NOT_FOUND, "no device " + id);
        }
        return persist(new StoreEvent.DeviceRemoved(id.name(), c.nowMs()));
    }

    private static Decision putGrant(DirectoryState s, PutGrant c) {
        Grant g = DirectoryState.decodeGrant(c.grant());
        Optional<DeviceRecord> device = s.device(g.device());
        if (device.isEmpty()) {
            return refuse(Reason.NOT_FOUND, "no device " + g.device());
        }
        if (s.role(g.user()).isEmpty()) {
            return refuse(Reason.NOT_FOUND, "grant holder " + g.user() + " is not a user; add it first");
        }
        // The same check a device makes (Grant.verify), with the device's enrolled owner as issuer.
        Verdict v = g.verify(device.get().owner(), g.device(), g.user(), g.services().first(), c.nowMs());
        if (!v.isOk()) {
            return refuse(Reason.INVALID, "grant refused: " + switch (v) {
                case WRONG_ISSUER -> "not issued by the device's owner " + device.get().owner();
                case BAD_SIGNATURE -> "the owner's signature does not verify";
                case EXPIRED -> "already expired";
                default -> v.name().toLowerCase(java.util.Locale.ROOT);
            });
        }
        if (s.isRevoked(g.nonce().toHex())) {
            return refuse(Reason.CONFLICT, "this grant was revoked; sign a new one");
        }
        if (s.grant(g.user(), g.device()).equals(Optional.of(g))) {
            return persist();
        }
        return persist(new StoreEvent.GrantStored(Base64.getEncoder().encodeToString(g.encode()), c.nowMs()));
    }

    private static Decision revokeGrant(DirectoryState s, RevokeGrant c) {
        PeerId user = PeerId.parse(c.user());
        DeviceId device = new DeviceId(c.device());
        return s.grant(user, device)
                .<Decision>map(g -> persist(new StoreEvent.GrantRevoked(user.text(), device.name(),
                        g.nonce().toHex(), c.nowMs())))
                .orElseGet(() -> refuse(Reason.NOT_FOUND, "no grant for " + user + " on " + device));
    }

    private static Decision issueClaimCode(DirectoryState s, IssueClaimCode c) {
        ClaimCodes.requireHash(c.codeHash());
        PeerId owner = PeerId.parse(c.owner());
        if (s.role(owner).isEmpty()) {
            return refuse(Reason.NOT_FOUND, "owner " + owner + " is not a user; add it first");
        }
        String device = c.device() == null ? "" : c.device();
        if (!device.isEmpty() && s.device(new DeviceId(device)).isPresent()) {
            return refuse(Reason.CONFLICT, "device " + device + " exists already");
        }
        if (c.expiresAtMs() <= c.nowMs()) {
            return refuse(Reason.INVALID, "a claim code must expire in the future");
        }
        if (s.claimCode(c.codeHash()).isPresent()) {
            return refuse(Reason.CONFLICT, "claim code issued already");
        }
        return persist(new StoreEvent.ClaimCodeIssued(c.codeHash(), owner.text(), device, c.expiresAtMs(),
                c.nowMs()));
    }

    private static Decision redeemClaimCode(DirectoryState s, RedeemClaimCode c) {
        Optional<DirectoryState.ClaimCode> found = s.claimCode(c.codeHash());
        if (found.isEmpty()) {
            // One answer for never-issued and already-used codes: a guesser learns nothing more.
            return refuse(Reason.NOT_FOUND, "unknown or already used claim code");
        }
        DirectoryState.ClaimCode code = found.get();
        if (c.nowMs() >= code.expiresAtMs()) {
            return refuse(Reason.INVALID, "claim code expired");
        }
        String name = c.device() == null || c.device().isEmpty() ? code.device() : c.device();
        if (name.isEmpty()) {
            return refuse(Reason.INVALID, "the claim code names no device; give the device's name");
        }
        if (!code.device().isEmpty() && !code.device().equals(name)) {
            return refuse(Reason.INVALID, "this claim code is for device " + code.device());
        }
        DeviceId id = new DeviceId(name);
        PeerId deviceKey = PeerId.parse(c.deviceKey());
        if (s.device(id).isPresent()) {
            return refuse(Reason.CONFLICT, "device " + id + " exists already");
        }
        Optional<Decision> keyTaken = keyTaken(s, deviceKey);
        return keyTaken.orElseGet(() -> persist(new StoreEvent.ClaimCodeRedeemed(c.codeHash(), id.name(),
                deviceKey.text(), c.nowMs())));
    }

    private static Decision persist(StoreEvent... events) {
        return new Persist(List.of(events));
    }

    private static Decision refuse(Reason reason, String message) {
        return new Refuse(new Rejected(reason, message));
    }
}
