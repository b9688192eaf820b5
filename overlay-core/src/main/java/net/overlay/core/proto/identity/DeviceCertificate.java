package net.overlay.core.proto.identity;

import java.util.Objects;
import net.overlay.core.proto.crypto.Ed25519;
import net.overlay.core.proto.crypto.X25519;
import net.overlay.core.proto.wire.Bytes;

/**
 * Binds a device id to the device's two public keys, signed by an issuer (the device's owner or the
 * rendezvous) for a window of wall-clock time. A client that trusts the issuer learns from it which
 * X25519 static key to run Noise IK against when it connects to the device by name.
 *
 * <p>Encoding, after the common frame of {@code StatementFormat}:
 * <pre>
 *  u8 n, n bytes   subject: the device id (ASCII, see {@link DeviceId})
 *  32              the device's Ed25519 public key (its peer id)
 *  32              the device's X25519 static public key
 *  32              issuer: Ed25519 public key of the signer
 *  u64             notBeforeMs, wall-clock milliseconds since 1970, inclusive
 *  u64             notAfterMs, exclusive; greater than notBeforeMs
 *  u64             serial, the issuer's choice (unique per issuer, for revocation lists)
 *  64              signature
 * </pre>
 * Immutable; callers: the rendezvous and owner tools issue, clients and devices verify.
 */
public record DeviceCertificate(
        DeviceId subject,
        PeerId deviceKey,
        Bytes deviceStaticKey,
        PeerId issuer,
        long notBeforeMs,
        long notAfterMs,
        long serial,
        Bytes signature) {

    public DeviceCertificate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(deviceKey, "deviceKey");
        StatementFormat.requireLength("deviceStaticKey", deviceStaticKey, X25519.KEY_BYTES);
        Objects.requireNonNull(issuer, "issuer");
        StatementFormat.requireWindow(notBeforeMs, notAfterMs);
        StatementFormat.requireLength("signature", signature, Ed25519.SIGNATURE_BYTES);
    }

    /** Signs a certificate for {@code subject} with {@code issuer}'s key. */
    public static DeviceCertificate issue(DeviceId subject, PeerId deviceKey, Bytes deviceStaticKey,
            Identity issuer, long notBeforeMs, long notAfterMs, long serial) {
        StatementFormat.requireLength("deviceStaticKey", deviceStaticKey, X25519.KEY_BYTES);
        StatementFormat.requireWindow(notBeforeMs, notAfterMs);
        Bytes sig = body(subject, deviceKey, deviceStaticKey, issuer.peerId(), notBeforeMs, notAfterMs, serial)
                .sign(issuer);
        return new DeviceCertificate(subject, deviceKey, deviceStaticKey, issuer.peerId(),
                notBeforeMs, notAfterMs, serial, sig);
    }

    /** Signs a certificate binding {@code device}'s own public keys to {@code subject}. */
    public static DeviceCertificate issue(DeviceId subject, Identity device, Identity issuer,
            long notBeforeMs, long notAfterMs, long serial) {
        return issue(subject, device.peerId(), device.staticPublicKey(), issuer, notBeforeMs, notAfterMs, serial);
    }

    /** The wire encoding. */
    public byte[] encode() {
        return writer().encodeWith(signature);
    }

    /** Decodes {@code bytes}; the only exception, on any input, is {@link MalformedStatementException}. */
    public static DeviceCertificate decode(byte[] bytes) throws MalformedStatementException {
        StatementReader r = StatementReader.open(bytes, StatementKind.DEVICE_CERTIFICATE);
        String subject = r.name("subject");
        PeerId deviceKey = r.key("device key");
        Bytes staticKey = r.bytes(X25519.KEY_BYTES, "device static key");
        PeerId issuer = r.key("issuer");
        long notBeforeMs = r.u64();
        long notAfterMs = r.u64();
        long serial = r.u64();
        Bytes sig = r.endAndSignature();
        try {
            return new DeviceCertificate(new DeviceId(subject), deviceKey, staticKey, issuer,
                    notBeforeMs, notAfterMs, serial, sig);
        } catch (IllegalArgumentException e) {
            throw new MalformedStatementException(e.getMessage());
        }
    }

    /** Checks issuer, signature and validity at {@code nowMs} (wall-clock milliseconds). */
    public Verdict verify(PeerId issuerKey, long nowMs) {
        if (!issuer.equals(issuerKey)) {
            return Verdict.WRONG_ISSUER;
        }
        if (!writer().verify(issuerKey, signature)) {
            return Verdict.BAD_SIGNATURE;
        }
        return StatementFormat.validity(nowMs, notBeforeMs, notAfterMs);
    }

    /** As {@link #verify(PeerId, long)}, and that the certificate is about {@code expectedSubject}. */
    public Verdict verify(PeerId issuerKey, DeviceId expectedSubject, long nowMs) {
        Verdict v = verify(issuerKey, nowMs);
        if (v == Verdict.WRONG_ISSUER || v == Verdict.BAD_SIGNATURE) {
            return v;
        }
        return subject.equals(expectedSubject) ? v : Verdict.WRONG_SUBJECT;
    }

    /** Decodes and verifies in one step; undecodable bytes give {@link Verdict#MALFORMED}. */
    public static Verdict verify(byte[] encoded, PeerId issuerKey, DeviceId expectedSubject, long nowMs) {
        try {
            return decode(encoded).verify(issuerKey, expectedSubject, nowMs);
        } catch (MalformedStatementException e) {
            return Verdict.MALFORMED;
        }
    }

    private StatementWriter writer() {
        return body(subject, deviceKey, deviceStaticKey, issuer, notBeforeMs, notAfterMs, serial);
    }

    private static StatementWriter body(DeviceId subject, PeerId deviceKey, Bytes deviceStaticKey,
            PeerId issuer, long notBeforeMs, long notAfterMs, long serial) {
        return new StatementWriter(StatementKind.DEVICE_CERTIFICATE)
                .name(subject.name())
                .key(deviceKey)
                .bytes(deviceStaticKey)
                .key(issuer)
                .u64(notBeforeMs)
                .u64(notAfterMs)
                .u64(serial);
    }
}
