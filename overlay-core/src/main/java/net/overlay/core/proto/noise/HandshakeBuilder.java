package net.overlay.core.proto.noise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.overlay.core.proto.crypto.X25519;
import net.overlay.core.spi.RandomSource;

/**
 * Collects what Noise's Initialize() takes (rev. 34, section 5.3): prologue, key pairs, the
 * peer's static key when the pattern knows it in advance, pre-shared keys, and a
 * {@link RandomSource} for the ephemeral key. {@link #build()} checks that exactly what the
 * pattern needs is there, so a misconfigured session fails at start-up, not mid-handshake.
 * Obtained from {@link HandshakeState#builder}. Not thread-safe; use once.
 */
public final class HandshakeBuilder {
    private static final int PSK_BYTES = 32;

    private final NoiseProtocol protocol;
    private final Role role;
    private byte[] prologue = new byte[0];
    private DhKeyPair localStatic;
    private DhKeyPair localEphemeral;
    private byte[] remoteStatic;
    private final List<byte[]> psks = new ArrayList<>();
    private RandomSource random;

    HandshakeBuilder(NoiseProtocol protocol, Role role) {
        this.protocol = protocol;
        this.role = role;
    }

    /** Bytes both sides must agree on without sending them (section 6); copied. */
    public HandshakeBuilder prologue(byte[] bytes) {
        this.prologue = bytes.clone();
        return this;
    }

    /** Our static key pair, for patterns where we have one. */
    public HandshakeBuilder localStatic(DhKeyPair keyPair) {
        this.localStatic = keyPair;
        return this;
    }

    /**
     * A fixed ephemeral key pair instead of one drawn from the {@link RandomSource}: for test
     * vectors only. Reusing an ephemeral key across handshakes destroys forward secrecy.
     */
    public HandshakeBuilder localEphemeral(DhKeyPair keyPair) {
        this.localEphemeral = keyPair;
        return this;
    }

    /** The peer's static public key, for patterns whose pre-message carries it (e.g. IK); copied. */
    public HandshakeBuilder remoteStatic(byte[] publicKey) {
        if (publicKey.length != X25519.KEY_BYTES) {
            throw new IllegalArgumentException("remote static key must be 32 bytes, got " + publicKey.length);
        }
        this.remoteStatic = publicKey.clone();
        return this;
    }

    /** Appends the next pre-shared key (32 bytes, copied), in the order the psk tokens use them. */
    public HandshakeBuilder psk(byte[] key) {
        if (key.length != PSK_BYTES) {
            throw new IllegalArgumentException("pre-shared key must be 32 bytes, got " + key.length);
        }
        psks.add(key.clone());
        return this;
    }

    /** Where the ephemeral key comes from. */
    public HandshakeBuilder random(RandomSource source) {
        this.random = source;
        return this;
    }

    /**
     * Runs Initialize().
     *
     * @throws IllegalArgumentException naming what the pattern needs and did not get, or got
     *     without needing it
     */
    public HandshakeState build() {
        HandshakePattern pattern = protocol.pattern();
        String side = role.name().toLowerCase(Locale.ROOT);
        if (pattern.needsLocalStatic(role) && localStatic == null) {
            throw new IllegalArgumentException(
                    "pattern " + pattern.name() + " needs the " + side + "'s static key pair");
        }
        boolean knowsRemote = pattern.preMessage(role.peer()).contains(Token.S);
        if (knowsRemote && remoteStatic == null) {
            throw new IllegalArgumentException(
                    "pattern " + pattern.name() + " needs the peer's static public key in advance");
        }
        if (!knowsRemote && remoteStatic != null) {
            // Accepting it would suggest it is checked; the key the peer sends is what counts.
            throw new IllegalArgumentException("pattern " + pattern.name()
                    + " learns the peer's static key in the handshake; check HandshakeResult.remoteStatic()");
        }
        if (psks.size() != pattern.pskCount()) {
            throw new IllegalArgumentException("pattern " + pattern.name() + " takes "
                    + pattern.pskCount() + " pre-shared keys, got " + psks.size());
        }
        if (localEphemeral == null && random == null && sendsEphemeral(pattern)) {
            throw new IllegalArgumentException("an ephemeral key needs a RandomSource");
        }
        return new HandshakeState(protocol, role, prologue, localStatic, localEphemeral, remoteStatic,
                List.copyOf(psks), random);
    }

    private boolean sendsEphemeral(HandshakePattern pattern) {
        for (int i = 0; i < pattern.messages().size(); i++) {
            if (HandshakePattern.sender(i) == role && pattern.messages().get(i).contains(Token.E)) {
                return true;
            }
        }
        return false;
    }
}
