package net.overlay.core.proto.identity;

import java.nio.charset.StandardCharsets;
import net.overlay.core.proto.crypto.Ed25519;
import net.overlay.core.proto.crypto.X25519;
import net.overlay.core.proto.wire.Bytes;

/**
 * The signature by which an identity vouches for its X25519 static key. A Noise handshake
 * authenticates the static key; this binding tells the peer which Ed25519 identity (peer id) owns
 * it. The signed message is a context string followed by the static key, so the signature can pass
 * for nothing else.
 */
public final class StaticKeyBinding {
    private static final byte[] CONTEXT = "overlay static-key binding v1\0".getBytes(StandardCharsets.US_ASCII);

    private StaticKeyBinding() {}

    /** Signs {@code identity}'s own static key (once per identity: the signature is deterministic). */
    public static Bytes sign(Identity identity) {
        return identity.staticKeyBinding();
    }

    static Bytes signNow(Identity identity) {
        byte[] m = message(identity.staticPublicKey());
        return Bytes.wrapOwned(identity.sign(m, 0, m.length));
    }

    /** Whether {@code signature} binds {@code staticKey} to {@code peer}; malformed input is false. */
    public static boolean verify(PeerId peer, Bytes staticKey, Bytes signature) {
        if (staticKey.length() != X25519.KEY_BYTES || signature.length() != Ed25519.SIGNATURE_BYTES) {
            return false;
        }
        byte[] m = message(staticKey);
        return peer.verifies(m, 0, m.length, signature.toArray());
    }

    private static byte[] message(Bytes staticKey) {
        byte[] m = new byte[CONTEXT.length + staticKey.length()];
        System.arraycopy(CONTEXT, 0, m, 0, CONTEXT.length);
        staticKey.copyTo(m, CONTEXT.length);
        return m;
    }
}
