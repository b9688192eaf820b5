package net.overlay.cluster.store;

import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.MalformedStatementException;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.rendezvous.Directory.DeviceRecord;

/**
 * The directory as the events build it: users, devices, grants, revoked grant nonces and live
 * claim codes. The same class is the aggregate's state (where commands are checked against it) and
 * each node's read model (where the broker and the admin API read it), so both apply events with
 * one function, {@link #apply}.
 *
 * <p>Threading: one writer (the aggregate's actor, or the read model's stream), any number of
 * readers; the maps are concurrent so readers need no lock and see each entry whole, though a
 * reader may see one event applied to some maps and not yet to others.
 */
public final class DirectoryState {

    /** A user and a device: the key of a grant. */
    public record GrantKey(PeerId user, DeviceId device) {}

    /** A claim code still outstanding; {@code device} empty when the device picks its own name. */
    public record ClaimCode(String codeHash, PeerId owner, String device, long expiresAtMs) {}

    private final Map<PeerId, UserRole> users = new ConcurrentHashMap<>();
    private final Map<DeviceId, DeviceRecord> devices = new ConcurrentHashMap<>();
    private final Map<GrantKey, Grant> grants = new ConcurrentHashMap<>();
    private final Set<String> revokedNonces = ConcurrentHashMap.newKeySet();
    private final Map<String, ClaimCode> claimCodes = new ConcurrentHashMap<>();

    /**
     * Applies one event and returns this state. Events were checked when they were decided, so
     * this trusts them; text that no longer parses throws IllegalArgumentException.
     */
    public DirectoryState apply(StoreEvent event) {
        switch (event) {
            case StoreEvent.UserAdded e -> users.put(PeerId.parse(e.key()), e.role());
            case StoreEvent.UserRemoved e -> {
                PeerId key = PeerId.parse(e.key());
                users.remove(key);
                grants.keySet().removeIf(k -> k.user().equals(key));
            }
            case StoreEvent.DeviceAdded e -> putDevice(e.name(), e.deviceKey(), PeerId.parse(e.owner()));
            case StoreEvent.DeviceRemoved e -> {
                DeviceId id = new DeviceId(e.name());
                devices.remove(id);
                grants.keySet().removeIf(k -> k.device().equals(id));
            }
            case StoreEvent.GrantStored e -> {
                Grant g = decodeGrant(e.grant());
                grants.put(new GrantKey(g.user(), g.device()), g);
            }
            case StoreEvent.GrantRevoked e -> {
                grants.remove(new GrantKey(PeerId.parse(e.user()), new DeviceId(e.device())));
                revokedNonces.add(e.nonceHex());
            }
            case StoreEvent.ClaimCodeIssued e -> claimCodes.put(e.codeHash(),
                    new ClaimCode(e.codeHash(), PeerId.parse(e.owner()), e.device(), e.expiresAtMs()));
            case StoreEvent.ClaimCodeRedeemed e -> {
                ClaimCode code = claimCodes.remove(e.codeHash());
                if (code == null) {
                    throw new IllegalArgumentException("redeemed claim code " + e.codeHash() + " was never issued");
                }
                putDevice(e.device(), e.deviceKey(), code.owner());
            }
        }
        return this;
    }

    private void putDevice(String name, String deviceKey, PeerId owner) {
        DeviceId id = new DeviceId(name);
        devices.put(id, new DeviceRecord(id, PeerId.parse(deviceKey), owner));
    }

    /** The grant in {@code base64} of its wire encoding; IllegalArgumentException if it is not one. */
    static Grant decodeGrant(String base64) {
        try {
            return Grant.decode(Base64.getDecoder().decode(base64));
        } catch (MalformedStatementException e) {
            throw new IllegalArgumentException("not a grant: " + e.getMessage(), e);
        }
    }

    public Optional<UserRole> role(PeerId user) {
        return Optional.ofNullable(users.get(user));
    }

    public Optional<DeviceRecord> device(DeviceId id) {
        return Optional.ofNullable(devices.get(id));
    }

    public Optional<Grant> grant(PeerId user, DeviceId device) {
        return Optional.ofNullable(grants.get(new GrantKey(user, device)));
    }

    public Optional<ClaimCode> claimCode(String codeHash) {
        return Optional.ofNullable(claimCodes.get(codeHash));
    }

    public boolean isRevoked(String nonceHex) {
        return revokedNonces.contains(nonceHex);
    }

    /** The device registered with {@code deviceKey}, if any (a key names at most one device). */
    public Optional<DeviceRecord> deviceWithKey(PeerId deviceKey) {
        return devices.values().stream().filter(d -> d.deviceKey().equals(deviceKey)).findFirst();
    }

    /** Users sorted by key. */
    public List<Map.Entry<PeerId, UserRole>> users() {
        return users.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue()))
                .sorted(Map.Entry.comparingByKey()).toList();
    }

    /** Devices sorted by name. */
    public List<DeviceRecord> devices() {
        return sorted(devices.values(), Comparator.comparing(DeviceRecord::id));
    }

    /** Grants sorted by device, then user. */
    public List<Grant> grants() {
        return sorted(grants.values(), Comparator.comparing(Grant::device).thenComparing(Grant::user));
    }

    /** Outstanding claim codes (expired ones included until used or listed away), by expiry. */
    public List<ClaimCode> claimCodes() {
        return sorted(claimCodes.values(), Comparator.comparingLong(ClaimCode::expiresAtMs));
    }

    /** Number of revoked grant nonces remembered. */
    public int revokedCount() {
        return revokedNonces.size();
    }

    private static <T> List<T> sorted(Collection<T> values, Comparator<T> order) {
        return values.stream().sorted(order).toList();
    }

    /** An immutable copy for the snapshot store (taken on the aggregate's thread). */
    public StoreSnapshot toSnapshot() {
        return new StoreSnapshot(
                users().stream().map(e -> new StoreSnapshot.User(e.getKey().text(), e.getValue())).toList(),
                devices().stream().map(d -> new StoreEvent.DeviceAdded(d.id().name(), d.deviceKey().text(),
                        d.owner().text(), 0)).toList(),
                grants().stream().map(g -> Base64.getEncoder().encodeToString(g.encode())).toList(),
                revokedNonces.stream().sorted().toList(),
                claimCodes().stream().map(c -> new StoreEvent.ClaimCodeIssued(c.codeHash(), c.owner().text(),
                        c.device(), c.expiresAtMs(), 0)).toList());
    }

    /** The state a snapshot was taken of. */
    public static DirectoryState fromSnapshot(StoreSnapshot s) {
        DirectoryState state = new DirectoryState();
        s.users().forEach(u -> state.users.put(PeerId.parse(u.key()), u.role()));
        s.devices().forEach(state::apply);
        s.grants().forEach(g -> state.apply(new StoreEvent.GrantStored(g, 0)));
        state.revokedNonces.addAll(s.revokedNonces());
        s.claimCodes().forEach(state::apply);
        return state;
    }
}
