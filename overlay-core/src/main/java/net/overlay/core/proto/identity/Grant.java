package net.overlay.core.proto.identity;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import net.overlay.core.proto.crypto.Ed25519;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * The owner's own signed word that a user may reach some services of a device. The device checks
 * it against the owner key it was enrolled with, so a compromised rendezvous, which can sign
 * tickets but not grants, still cannot open a tunnel to it (DESIGN.md, connection flow 4).
 *
 * <p>Encoding, after the common frame of {@code StatementFormat}:
 * <pre>
 *  32              issuer: the owner's Ed25519 public key
 *  32              subject: the user's Ed25519 public key (peer id)
 *  u8 n, n bytes   device id
 *  u8              role ({@link Role#code()})
 *  u8 k            number of services, 1 to 32
 *  k x (u8 n, n)   service names, strictly ascending (one canonical encoding, no duplicates)
 *  u64             notAfterMs, wall-clock expiry, exclusive
 *  16              nonce, random
 *  64              signature
 * </pre>
 * Immutable; callers: owner tools issue, the rendezvous stores and forwards, the device verifies.
 */
public record Grant(
        PeerId owner,
        PeerId user,
        DeviceId device,
        SortedSet<String> services,
        Role role,
        long notAfterMs,
        Bytes nonce,
        Bytes signature) {

    public Grant {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(device, "device");
        services = checkedServices(services);
        Objects.requireNonNull(role, "role");
        StatementFormat.requireWindow(0, notAfterMs);
        StatementFormat.requireLength("nonce", nonce, StatementFormat.NONCE_BYTES);
        StatementFormat.requireLength("signature", signature, Ed25519.SIGNATURE_BYTES);
    }

    /** Signs a grant with the owner's key; the nonce comes from {@code random}'s key stream. */
    public static Grant issue(Identity owner, PeerId user, DeviceId device, java.util.Set<String> services,
            Role role, long notAfterMs, RandomSource random) {
        SortedSet<String> sorted = checkedServices(services);
        StatementFormat.requireWindow(0, notAfterMs);
        byte[] nonce = new byte[StatementFormat.NONCE_BYTES];
        random.nextKeyBytes(nonce);
        Bytes n = Bytes.wrapOwned(nonce);
        Bytes sig = body(owner.peerId(), user, device, sorted, role, notAfterMs, n).sign(owner);
        return new Grant(owner.peerId(), user, device, sorted, role, notAfterMs, n, sig);
    }

    /** The wire encoding. */
    public byte[] encode() {
        return writer().encodeWith(signature);
    }

    /** Decodes {@code bytes}; the only exception, on any input, is {@link MalformedStatementException}. */
    public static Grant decode(byte[] bytes) throws MalformedStatementException {
        StatementReader r = StatementReader.open(bytes, StatementKind.GRANT);
        PeerId owner = r.key("owner");
        PeerId user = r.key("user");
        String device = r.name("device id");
        Role role = Role.fromCode(r.u8());
        if (role == null) {
            throw new MalformedStatementException("unknown role");
        }
        int count = r.u8();
        if (count < 1 || count > StatementFormat.MAX_SERVICES) {
            throw new MalformedStatementException(count + " services; allowed 1 to " + StatementFormat.MAX_SERVICES);
        }
        SortedSet<String> services = new TreeSet<>();
        String previous = null;
        for (int i = 0; i < count; i++) {
            String s = r.name("service");
            if (previous != null && s.compareTo(previous) <= 0) {
                throw new MalformedStatementException("services not in strictly ascending order");
            }
            services.add(s);
            previous = s;
        }
        long notAfterMs = r.u64();
        Bytes nonce = r.bytes(StatementFormat.NONCE_BYTES, "nonce");
        Bytes sig = r.endAndSignature();
        try {
            return new Grant(owner, user, new DeviceId(device), services, role, notAfterMs, nonce, sig);
        } catch (IllegalArgumentException e) {
            throw new MalformedStatementException(e.getMessage());
        }
    }

    /**
     * What a device checks before it lets {@code user} reach {@code service}: signed by the owner
     * it was enrolled with, for this device and this user, covering the service, not expired.
     */
    public Verdict verify(PeerId ownerKey, DeviceId thisDevice, PeerId requestingUser, String service, long nowMs) {
        if (!owner.equals(ownerKey)) {
            return Verdict.WRONG_ISSUER;
        }
        if (!writer().verify(ownerKey, signature)) {
            return Verdict.BAD_SIGNATURE;
        }
        if (!device.equals(thisDevice) || !user.equals(requestingUser)) {
            return Verdict.WRONG_SUBJECT;
        }
        if (!services.contains(service)) {
            return Verdict.NOT_GRANTED;
        }
        return StatementFormat.validity(nowMs, 0, notAfterMs);
    }

    /** Decodes and verifies in one step; undecodable bytes give {@link Verdict#MALFORMED}. */
    public static Verdict verify(byte[] encoded, PeerId ownerKey, DeviceId thisDevice, PeerId requestingUser,
            String service, long nowMs) {
        try {
            return decode(encoded).verify(ownerKey, thisDevice, requestingUser, service, nowMs);
        } catch (MalformedStatementException e) {
            return Verdict.MALFORMED;
        }
    }

    private StatementWriter writer() {
        return body(owner, user, device, services, role, notAfterMs, nonce);
    }

    private static StatementWriter body(PeerId owner, PeerId user, DeviceId device, SortedSet<String> services,
            Role role, long notAfterMs, Bytes nonce) {
        StatementWriter w = new StatementWriter(StatementKind.GRANT)
                .key(owner)
                .key(user)
                .name(device.name())
                .u8(role.code())
                .u8(services.size());
        services.forEach(w::name);
        return w.u64(notAfterMs).bytes(nonce);
    }

    private static SortedSet<String> checkedServices(java.util.Collection<String> services) {
        Objects.requireNonNull(services, "services");
        SortedSet<String> sorted = new TreeSet<>();
        for (String s : services) {
            sorted.add(Names.require("service", s));
        }
        if (sorted.isEmpty() || sorted.size() > StatementFormat.MAX_SERVICES) {
            throw new IllegalArgumentException("a grant lists 1 to " + StatementFormat.MAX_SERVICES
                    + " services, got " + sorted.size());
        }
        return Collections.unmodifiableSortedSet(sorted);
    }
}
