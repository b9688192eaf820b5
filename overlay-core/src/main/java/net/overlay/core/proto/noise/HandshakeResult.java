package net.overlay.core.proto.noise;

import java.util.Optional;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.wire.Bytes;

/**
 * What a completed handshake hands to the session: the two raw 32-byte transport keys (for the
 * session transport, which builds its own ciphers from them), the cipher suite, the handshake
 * hash (channel binding), the peer's static key, and the same keys as two fresh
 * {@link CipherState}s for callers that want Noise's transport framing directly.
 *
 * <p>The key accessors return copies. Use either the raw keys or the cipher states for one
 * direction, never both: the same key and nonce must not seal two messages. For a one-way
 * pattern only the initiator-to-responder direction may be used (Noise rev. 34, section 5.3).
 */
public final class HandshakeResult {
    private final CipherSuite suite;
    private final Bytes sendKey;
    private final Bytes receiveKey;
    private final Bytes handshakeHash;
    private final Bytes remoteStatic;
    private final CipherState sendCipher;
    private final CipherState receiveCipher;

    HandshakeResult(CipherSuite suite, byte[] sendKey, byte[] receiveKey, byte[] handshakeHash,
                    byte[] remoteStatic) {
        this.suite = suite;
        this.sendKey = Bytes.of(sendKey);
        this.receiveKey = Bytes.of(receiveKey);
        this.handshakeHash = Bytes.of(handshakeHash);
        this.remoteStatic = remoteStatic == null ? null : Bytes.of(remoteStatic);
        this.sendCipher = new CipherState(suite, sendKey);
        this.receiveCipher = new CipherState(suite, receiveKey);
    }

    public CipherSuite suite() {
        return suite;
    }

    /** A copy of the 32-byte key we encrypt with. */
    public byte[] sendKey() {
        return sendKey.toArray();
    }

    /** A copy of the 32-byte key we decrypt with. */
    public byte[] receiveKey() {
        return receiveKey.toArray();
    }

    /** The final handshake hash, identical on both sides (section 11.2, channel binding). */
    public Bytes handshakeHash() {
        return handshakeHash;
    }

    /** The peer's static public key, when the pattern has one (known in advance or received). */
    public Optional<Bytes> remoteStatic() {
        return Optional.ofNullable(remoteStatic);
    }

    /** The transport cipher state for our outgoing messages (one instance, nonce from 0). */
    public CipherState sendCipher() {
        return sendCipher;
    }

    /** The transport cipher state for the peer's messages (one instance, nonce from 0). */
    public CipherState receiveCipher() {
        return receiveCipher;
    }

    @Override
    public String toString() {
        return "HandshakeResult[" + suite.noiseName() + ", hash=" + handshakeHash
                + ", remoteStatic=" + remoteStatic + "]";
    }
}
