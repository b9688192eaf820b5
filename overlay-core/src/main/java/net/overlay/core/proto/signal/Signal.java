package net.overlay.core.proto.signal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import net.overlay.core.proto.wire.Bytes;

/**
 * The traversal protocol's signalling messages: what devices and clients say to the rendezvous
 * (register, keep alive, connect), what the rendezvous says back (offers, answers, refusals), and
 * what client and device say to each other in their handshake payloads and session. Each is carried
 * in a {@code Control} frame ({@link #kind()} is the frame's kind) or as a Noise handshake payload,
 * and encoded by {@link SignalCodec}.
 *
 * <p>Requests carry a {@code requestId} chosen by the requester, who retransmits until the answer
 * with the same id arrives; the rendezvous handles a repeated request idempotently.
 */
public sealed interface Signal {

    /** The Control frame kind (or payload tag) of this message. */
    SignalKind kind();

    /** What connects as: a device offering services, or a client using them. */
    enum PeerRole { DEVICE, CLIENT }

    /**
     * First handshake payload toward a rendezvous: who we are. The signature, by the peer's Ed25519
     * key, binds its X25519 static key (the one Noise authenticated) to its identity.
     *
     * @param deviceName the device's name, empty for a client
     * @param certificate an owner-signed {@code DeviceCertificate}, or empty
     */
    record Hello(PeerRole role, Bytes peerId, String deviceName, Bytes staticKeySignature, Bytes certificate)
            implements Signal {
        public Hello {
            Objects.requireNonNull(role, "role");
            SignalCodec.requireLength(peerId, 32, "peerId");
            Objects.requireNonNull(deviceName, "deviceName");
            SignalCodec.requireLength(staticKeySignature, 64, "staticKeySignature");
            Objects.requireNonNull(certificate, "certificate");
        }

        @Override
        public SignalKind kind() {
            return SignalKind.HELLO;
        }
    }

    /** A device announces where it can be reached and what it offers. */
    record Register(long requestId, List<Candidate> candidates, NatSummary nat, List<String> services)
            implements Signal {
        public Register {
            candidates = SignalCodec.boundedList(candidates, SignalCodec.MAX_CANDIDATES, "candidates");
            Objects.requireNonNull(nat, "nat");
            services = SignalCodec.boundedList(services, SignalCodec.MAX_SERVICES, "services");
        }

        @Override
        public SignalKind kind() {
            return SignalKind.REGISTER;
        }
    }

    /** The rendezvous accepted a registration; {@code observed} is the address it saw. */
    record Registered(long requestId, InetSocketAddress observed, long keepaliveIntervalMs) implements Signal {
        public Registered {
            Objects.requireNonNull(observed, "observed");
        }

        @Override
        public SignalKind kind() {
            return SignalKind.REGISTERED;
        }
    }

    /** A keepalive that also asks which address the rendezvous sees (roaming detection). */
    record Keepalive(long requestId) implements Signal {
        @Override
        public SignalKind kind() {
            return SignalKind.KEEPALIVE;
        }
    }

    record KeepaliveAck(long requestId, InetSocketAddress observed) implements Signal {
        public KeepaliveAck {
            Objects.requireNonNull(observed, "observed");
        }

        @Override
        public SignalKind kind() {
            return SignalKind.KEEPALIVE_ACK;
        }
    }

    /** A client asks to reach {@code service} on device {@code deviceName}; the nonce defeats replay. */
    record Connect(long requestId, String deviceName, String service, Bytes nonce, List<Candidate> candidates,
            NatSummary nat) implements Signal {
        public Connect {
            Objects.requireNonNull(deviceName, "deviceName");
            Objects.requireNonNull(service, "service");
            SignalCodec.requireLength(nonce, 16, "nonce");
            candidates = SignalCodec.boundedList(candidates, SignalCodec.MAX_CANDIDATES, "candidates");
            Objects.requireNonNull(nat, "nat");
        }

        @Override
        public SignalKind kind() {
            return SignalKind.CONNECT;
        }
    }

    /** The rendezvous tells a device that a client is coming, and how to meet it. */
    record Offer(long offerId, Bytes clientPeerId, Bytes clientStaticKey, String service, List<Candidate> candidates,
            NatSummary nat, RelayGrant relay) implements Signal {
        public Offer {
            SignalCodec.requireLength(clientPeerId, 32, "clientPeerId");
            SignalCodec.requireLength(clientStaticKey, 32, "clientStaticKey");
            Objects.requireNonNull(service, "service");
            candidates = SignalCodec.boundedList(candidates, SignalCodec.MAX_CANDIDATES, "candidates");
            Objects.requireNonNull(nat, "nat");
            Objects.requireNonNull(relay, "relay");
        }

        @Override
        public SignalKind kind() {
            return SignalKind.OFFER;
        }
    }

    record OfferAck(long offerId) implements Signal {
        @Override
        public SignalKind kind() {
            return SignalKind.OFFER_ACK;
        }
    }

    /**
     * The rendezvous answers a client's connect: the device's keys and candidates, a relay, and the
     * ticket and grant the client shows the device in its first handshake message.
     */
    record Answer(long requestId, Bytes devicePeerId, Bytes deviceStaticKey, List<Candidate> candidates,
            NatSummary nat, RelayGrant relay, Bytes ticket, Bytes grant) implements Signal {
        public Answer {
            SignalCodec.requireLength(devicePeerId, 32, "devicePeerId");
            SignalCodec.requireLength(deviceStaticKey, 32, "deviceStaticKey");
            candidates = SignalCodec.boundedList(candidates, SignalCodec.MAX_CANDIDATES, "candidates");
            Objects.requireNonNull(nat, "nat");
            Objects.requireNonNull(relay, "relay");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(grant, "grant");
        }

        @Override
        public SignalKind kind() {
            return SignalKind.ANSWER;
        }
    }

    /** A request was refused; {@code message} is for people. */
    record Refused(long requestId, RefusalCode code, String message) implements Signal {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public SignalKind kind() {
            return SignalKind.REFUSED;
        }
    }

    /** Client to device, inside their session: start punching now (libp2p DCUtR's sync). */
    record PunchSync(int attemptId) implements Signal {
        @Override
        public SignalKind kind() {
            return SignalKind.PUNCH_SYNC;
        }
    }

    /**
     * Client to rendezvous, after a punch: whether it ended on a direct path. Only counted (the
     * service's punch-outcome metrics); the rendezvous cannot see the outcome itself, since direct
     * traffic never crosses it.
     */
    record PunchReport(boolean direct) implements Signal {
        @Override
        public SignalKind kind() {
            return SignalKind.PUNCH_REPORT;
        }
    }

    /**
     * Peer to peer, inside their session, from the hard side of a birthday punch: every one of its
     * birthday sockets has sent its prime, so its mappings exist and the easy side may guess now.
     * Guesses that reach a NAT before the mapping they aim at are lost, and on Linux they also
     * leave a conntrack entry that keeps the kernel from ever allocating that port to the flow
     * (measured on the namespace testbed, docs/lab.md "sim-vs-real"). Sent after the primes, so a
     * host that opens sockets slowly delays it with them; repeated with each refresh of the
     * mappings, since control frames are not retransmitted. {@code attemptId} names the punch (the
     * client's {@link PunchSync} count) so a late copy from an older punch is not taken for the
     * current one.
     */
    record BirthdayReady(int attemptId) implements Signal {
        @Override
        public SignalKind kind() {
            return SignalKind.BIRTHDAY_READY;
        }
    }

    /** Client's first handshake payload toward a device: what it wants and its credentials. */
    record AccessRequest(String service, Bytes ticket, Bytes grant) implements Signal {
        public AccessRequest {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(grant, "grant");
        }

        @Override
        public SignalKind kind() {
            return SignalKind.ACCESS_REQUEST;
        }
    }

    /** Device's handshake answer: access granted, and its current candidates. */
    record AccessGranted(String service, List<Candidate> candidates) implements Signal {
        public AccessGranted {
            Objects.requireNonNull(service, "service");
            candidates = SignalCodec.boundedList(candidates, SignalCodec.MAX_CANDIDATES, "candidates");
        }

        @Override
        public SignalKind kind() {
            return SignalKind.ACCESS_GRANTED;
        }
    }
}
