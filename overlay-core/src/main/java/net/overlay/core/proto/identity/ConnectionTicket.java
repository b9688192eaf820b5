package net.overlay.core.proto.identity;

import java.util.Objects;
import net.overlay.core.proto.crypto.Ed25519;
import net.overlay.core.proto.crypto.X25519;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * The rendezvous' permission for one client to open one service on one device, shortly: the client
 * presents it in its handshake, the device checks it (and the owner's {@link Grant}) before
 * answering. The random nonce lets the device refuse a ticket it has already seen.
 *
 * <p>Encoding, after the common frame of {@code StatementFormat}:
 * <pre>
 *  32              issuer: the rendezvous' Ed25519 public key
 *  32              subject: the client's Ed25519 public key (peer id)
 *  u8 n, n bytes   device id
 *  u8 n, n bytes   service name
 *  32              the client's X25519 static key, which its Noise handshake must use
 *  u64             notAfterMs, wall-clock expiry, exclusive
 *  16              nonce, random (replay detection)
 *  64              signature
 * </pre>
 * Immutable; callers: the rendezvous issues, the device agent verifies.
 */
public record ConnectionTicket(
        PeerId issuer,
        PeerId client,
        DeviceId device,
        String service,
        Bytes clientStaticKey,
        long notAfterMs,
        Bytes nonce,
        Bytes signature) {

    public ConnectionTicket {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(device, "device");
        Names.require("service", service);
        StatementFormat.requireLength("clientStaticKey", clientStaticKey, X25519.KEY_BYTES);
        StatementFormat.requireWindow(0, notAfterMs);
        StatementFormat.requireLength("nonce", nonce, StatementFormat.NONCE_BYTES);
        StatementFormat.requireLength("signature", signature, Ed25519.SIGNATURE_BYTES);
    }

    /** Signs a ticket with {@code issuer}'s key; the nonce comes from {@code random}'s key stream. */
    public static ConnectionTicket issue(Identity issuer, PeerId client, DeviceId device, String service,
            Bytes clientStaticKey, long notAfterMs, RandomSource random) {
        byte[] nonce = new byte[StatementFormat.NONCE_BYTES];
        random.nextKeyBytes(nonce);
        Names.require("service", service);
        StatementFormat.requireLength("clientStaticKey", clientStaticKey, X25519.KEY_BYTES);
        StatementFormat.requireWindow(0, notAfterMs);
        Bytes n = Bytes.wrapOwned(nonce);
        Bytes sig = body(issuer.peerId(), client, device, service, clientStaticKey, notAfterMs, n).sign(issuer);
        return new ConnectionTicket(issuer.peerId(), client, device, service, clientStaticKey, notAfterMs, n, sig);
    }

    /** The wire encoding. */
    public byte[] encode() {
        return writer().encodeWith(signature);
    }

    /** Decodes {@code bytes}; the only exception, on any input, is {@link MalformedStatementException}. */
    public static ConnectionTicket decode(byte[] bytes) throws MalformedStatementException {
        StatementReader r = StatementReader.open(bytes, StatementKind.CONNECTION_TICKET);
        PeerId issuer = r.key("issuer");
        PeerId client = r.key("client");
        String device = r.name("device id");
        String service = r.name("service");
        Bytes staticKey = r.bytes(X25519.KEY_BYTES, "client static key");
        long notAfterMs = r.u64();
        Bytes nonce = r.bytes(StatementFormat.NONCE_BYTES, "nonce");
        Bytes sig = r.endAndSignature();
        try {
            return new ConnectionTicket(issuer, client, new DeviceId(device), service, staticKey, notAfterMs,
                    nonce, sig);
        } catch (IllegalArgumentException e) {
            throw new MalformedStatementException(e.getMessage());
        }
    }

    /**
     * What a device checks: issued by {@code issuerKey}, signature valid, for this device, not
     * expired at {@code nowMs}. The caller must also check that the handshake's remote static key
     * is {@link #clientStaticKey()}, or use {@link #verify(PeerId, DeviceId, Bytes, long)}.
     */
    public Verdict verify(PeerId issuerKey, DeviceId thisDevice, long nowMs) {
        if (!issuer.equals(issuerKey)) {
            return Verdict.WRONG_ISSUER;
        }
        if (!writer().verify(issuerKey, signature)) {
            return Verdict.BAD_SIGNATURE;
        }
        if (!device.equals(thisDevice)) {
            return Verdict.WRONG_SUBJECT;
        }
        return StatementFormat.validity(nowMs, 0, notAfterMs);
    }

    /** As {@link #verify(PeerId, DeviceId, long)}, and that the handshake came from the ticket's holder. */
    public Verdict verify(PeerId issuerKey, DeviceId thisDevice, Bytes handshakeStaticKey, long nowMs) {
        Verdict v = verify(issuerKey, thisDevice, nowMs);
        if (v == Verdict.WRONG_ISSUER || v == Verdict.BAD_SIGNATURE || v == Verdict.WRONG_SUBJECT) {
            return v;
        }
        return clientStaticKey.constantTimeEquals(handshakeStaticKey) ? v : Verdict.WRONG_SUBJECT;
    }

    /** Decodes and verifies in one step; undecodable bytes give {@link Verdict#MALFORMED}. */
    public static Verdict verify(byte[] encoded, PeerId issuerKey, DeviceId thisDevice, long nowMs) {
        try {
            return decode(encoded).verify(issuerKey, thisDevice, nowMs);
        } catch (MalformedStatementException e) {
            return Verdict.MALFORMED;
        }
    }

    private StatementWriter writer() {
        return body(issuer, client, device, service, clientStaticKey, notAfterMs, nonce);
    }

    private static StatementWriter body(PeerId issuer, PeerId client, DeviceId device, String service,
            Bytes clientStaticKey, long notAfterMs, Bytes nonce) {
        return new StatementWriter(StatementKind.CONNECTION_TICKET)
                .key(issuer)
                .key(client)
                .name(device.name())
                .name(service)
                .bytes(clientStaticKey)
                .u64(notAfterMs)
                .bytes(nonce);
    }
}
