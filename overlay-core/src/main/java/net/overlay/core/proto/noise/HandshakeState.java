package net.overlay.core.proto.noise;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.overlay.core.proto.crypto.X25519;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * Noise's HandshakeState (rev. 34, section 5.3) as a sans-IO state machine. The session layer
 * asks {@link #status()} whose turn it is, calls {@link #writeMessage} and sends the bytes, or
 * feeds the peer's bytes to {@link #readMessage}; at {@link Status#COMPLETE} it calls
 * {@link #split()} for the transport keys.
 *
 * <p>Any {@link NoiseException} while processing a message in turn kills the handshake
 * ({@link Status#FAILED}): its state is half-updated and cannot be trusted. A message arriving
 * out of turn is rejected without touching the state. Local misuse (writing out of turn, an
 * oversized payload) throws {@link IllegalStateException} or {@link IllegalArgumentException}.
 * Not thread-safe: one instance per handshake, driven by one actor.
 */
public final class HandshakeState {
    /** Section 3: no Noise message may be longer than this. */
    public static final int MAX_MESSAGE_BYTES = 65535;

    /** Where the handshake stands. */
    public enum Status {
        /** Our turn: call {@link #writeMessage}. */
        WRITE,
        /** Waiting for the peer's next message. */
        READ,
        /** All messages done; {@link #split()} is available. */
        COMPLETE,
        /** Split done; the handshake object has nothing more to give. */
        SPLIT,
        /** A message failed; this handshake is dead. */
        FAILED
    }

    private final NoiseProtocol protocol;
    private final HandshakePattern pattern;
    private final Role role;
    private final SymmetricState symmetric;
    private final DhKeyPair s;
    private final List<byte[]> psks;
    private final RandomSource random;
    private final byte[] dhResult = new byte[X25519.KEY_BYTES];
    private DhKeyPair e;
    private byte[] rs;
    private byte[] re;
    private int pskIndex;
    private int messageIndex;
    private Status status;

    /** Starts configuring a handshake of {@code protocol} in {@code role}. */
    public static HandshakeBuilder builder(NoiseProtocol protocol, Role role) {
        return new HandshakeBuilder(protocol, role);
    }

    /** Initialize() (section 5.3); arguments already checked by the builder. */
    HandshakeState(NoiseProtocol protocol, Role role, byte[] prologue, DhKeyPair s, DhKeyPair e,
                   byte[] rs, List<byte[]> psks, RandomSource random) {
        this.protocol = protocol;
        this.pattern = protocol.pattern();
        this.role = role;
        this.s = s;
        this.e = e;
        this.rs = rs;
        this.psks = psks;
        this.random = random;
        this.symmetric = new SymmetricState(protocol);
        symmetric.mixHash(prologue, 0, prologue.length);
        // Section 7.1: pre-message keys are hashed, the initiator's first.
        for (Role side : Role.values()) {
            for (Token token : pattern.preMessage(side)) {
                if (token != Token.S) {
                    throw new IllegalStateException("pre-message token " + token + " not supported");
                }
                byte[] key = side == role ? s.publicKeyRef() : rs;
                symmetric.mixHash(key, 0, key.length);
            }
        }
        this.status = nextStatus();
    }

    public NoiseProtocol protocol() {
        return protocol;
    }

    public Role role() {
        return role;
    }

    public Status status() {
        return status;
    }

    /** Whether all handshake messages have been written and read. */
    public boolean isComplete() {
        return status == Status.COMPLETE || status == Status.SPLIT;
    }

    /** How many handshake messages have been written or read so far. */
    public int messageIndex() {
        return messageIndex;
    }

    /** GetHandshakeHash(): the hash so far; after completion, the value both sides share. */
    public Bytes handshakeHash() {
        return Bytes.wrapOwned(symmetric.handshakeHash());
    }

    /** The peer's static public key, once known. */
    public Optional<Bytes> remoteStatic() {
        return rs == null ? Optional.empty() : Optional.of(Bytes.of(rs));
    }

    /**
     * WriteMessage(payload): the next handshake message, carrying {@code payload} (encrypted once
     * a key is set).
     *
     * @throws IllegalStateException if it is not our turn to write
     * @throws IllegalArgumentException if the message would exceed {@link #MAX_MESSAGE_BYTES}
     * @throws NoiseException if a DH with the peer's key gives all zeros (a low-order key); the
     *     handshake is then dead
     */
    public byte[] writeMessage(byte[] payload) throws NoiseException {
        if (status != Status.WRITE) {
            throw new IllegalStateException("not our turn to write: handshake is " + status);
        }
        List<Token> tokens = pattern.messages().get(messageIndex);
        int size = pattern.messageBytes(messageIndex, symmetric.hasKey(), payload.length);
        if (size > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("a payload of " + payload.length + " bytes makes a message of "
                    + size + " bytes, over the Noise maximum of " + MAX_MESSAGE_BYTES);
        }
        byte[] out = new byte[size];
        boolean ok = false;
        try {
            int pos = 0;
            for (Token token : tokens) {
                pos = writeToken(token, out, pos);
            }
            symmetric.encryptAndHash(payload, 0, payload.length, out, pos);
            advance();
            ok = true;
            return out;
        } finally {
            if (!ok) {
                fail();
            }
        }
    }

    /** ReadMessage over a whole array. */
    public byte[] readMessage(byte[] message) throws NoiseException {
        return readMessage(message, 0, message.length);
    }

    /**
     * ReadMessage(message): processes the peer's next handshake message and returns its payload.
     *
     * @throws NoiseException if the message is out of turn, too long or too short, fails to
     *     decrypt, or carries a low-order key; except when out of turn, the handshake is then dead
     */
    public byte[] readMessage(byte[] message, int off, int len) throws NoiseException {
        Objects.checkFromIndexSize(off, len, message.length);
        if (status == Status.FAILED) {
            throw new NoiseException("handshake already failed");
        }
        if (status != Status.READ) {
            throw new NoiseException("message out of turn: handshake is " + status);
        }
        boolean ok = false;
        try {
            if (len > MAX_MESSAGE_BYTES) {
                throw new NoiseException("message of " + len + " bytes exceeds " + MAX_MESSAGE_BYTES);
            }
            int end = off + len;
            int pos = off;
            for (Token token : pattern.messages().get(messageIndex)) {
                pos = readToken(token, message, pos, end);
            }
            int remaining = end - pos;
            if (remaining < symmetric.overheadBytes()) {
                throw new NoiseException("message too short for the payload's tag");
            }
            byte[] payload = new byte[remaining - symmetric.overheadBytes()];
            symmetric.decryptAndHash(message, pos, remaining, payload, 0);
            advance();
            ok = true;
            return payload;
        } finally {
            if (!ok) {
                fail();
            }
        }
    }

    /**
     * Split(): the transport keys, ours to send first. Wipes the handshake's secrets.
     *
     * @throws IllegalStateException unless the status is {@link Status#COMPLETE}
     */
    public HandshakeResult split() {
        if (status != Status.COMPLETE) {
            throw new IllegalStateException("split needs a complete handshake: handshake is " + status);
        }
        byte[] hash = symmetric.handshakeHash();
        byte[][] keys = symmetric.split();
        int send = role == Role.INITIATOR ? 0 : 1;
        HandshakeResult result = new HandshakeResult(protocol.cipher(), keys[send], keys[1 - send], hash, rs);
        Arrays.fill(keys[0], (byte) 0);
        Arrays.fill(keys[1], (byte) 0);
        e = null;
        status = Status.SPLIT;
        return result;
    }

    private int writeToken(Token token, byte[] out, int pos) throws NoiseException {
        switch (token) {
            case E -> {
                if (e == null) {
                    e = protocol.dh().generate(random);
                }
                byte[] pub = e.publicKeyRef();
                System.arraycopy(pub, 0, out, pos, pub.length);
                mixEphemeral(pub);
                return pos + pub.length;
            }
            case S -> {
                byte[] pub = s.publicKeyRef();
                return pos + symmetric.encryptAndHash(pub, 0, pub.length, out, pos);
            }
            case PSK -> {
                symmetric.mixKeyAndHash(psks.get(pskIndex++));
                return pos;
            }
            default -> {
                mixDh(token);
                return pos;
            }
        }
    }

    private int readToken(Token token, byte[] in, int pos, int end) throws NoiseException {
        switch (token) {
            case E -> {
                requireBytes(X25519.KEY_BYTES, pos, end, "ephemeral key");
                re = Arrays.copyOfRange(in, pos, pos + X25519.KEY_BYTES);
                mixEphemeral(re);
                return pos + X25519.KEY_BYTES;
            }
            case S -> {
                int len = X25519.KEY_BYTES + symmetric.overheadBytes();
                requireBytes(len, pos, end, "static key");
                byte[] key = new byte[X25519.KEY_BYTES];
                symmetric.decryptAndHash(in, pos, len, key, 0);
                rs = key;
                return pos + len;
            }
            case PSK -> {
                symmetric.mixKeyAndHash(psks.get(pskIndex++));
                return pos;
            }
            default -> {
                mixDh(token);
                return pos;
            }
        }
    }

    // Section 9.2: with a psk in the pattern, every ephemeral key is also mixed into the key.
    private void mixEphemeral(byte[] pub) {
        symmetric.mixHash(pub, 0, pub.length);
        if (pattern.pskMode()) {
            symmetric.mixKey(pub, 0, pub.length);
        }
    }

    private void mixDh(Token token) throws NoiseException {
        boolean initiator = role == Role.INITIATOR;
        DhKeyPair local = switch (token) {
            case EE -> e;
            case ES -> initiator ? e : s;
            case SE -> initiator ? s : e;
            case SS -> s;
            default -> throw new IllegalStateException("not a DH token: " + token);
        };
        byte[] remote = switch (token) {
            case EE -> re;
            case ES -> initiator ? rs : re;
            case SE -> initiator ? re : rs;
            default -> rs;
        };
        // Section 12.1 allows, and RFC 7748 section 6.1 recommends, rejecting an all-zero result:
        // the peer's key was a low-order point that would make the secret predictable.
        if (!protocol.dh().agree(local, remote, dhResult)) {
            throw new NoiseException("DH " + token + " gave all zeros: low-order public key");
        }
        symmetric.mixKey(dhResult, 0, dhResult.length);
        Arrays.fill(dhResult, (byte) 0);
    }

    private static void requireBytes(int needed, int pos, int end, String what) throws NoiseException {
        if (end - pos < needed) {
            throw new NoiseException("message too short for the " + what);
        }
    }

    private void advance() {
        messageIndex++;
        status = nextStatus();
    }

    private Status nextStatus() {
        if (messageIndex >= pattern.messages().size()) {
            return Status.COMPLETE;
        }
        return HandshakePattern.sender(messageIndex) == role ? Status.WRITE : Status.READ;
    }

    private void fail() {
        status = Status.FAILED;
        symmetric.clear();
        e = null;
    }
}
