package net.overlay.core.proto.session;

import net.overlay.core.proto.crypto.CipherSuite;

/**
 * Both directions of one session's transport crypto, made from the two keys Noise's
 * {@code Split()} returns: the initiator sends with the first and receives with the second, the
 * responder the other way round (Noise section 5.2). Caller: the session state machine after the
 * handshake; a rekey replaces the whole pair.
 *
 * @param sealer the sending direction
 * @param opener the receiving direction
 */
public record SessionCrypto(PacketSealer sealer, PacketOpener opener) {

    /**
     * @param sendKey this side's sending key (copied; the caller should wipe its copy)
     * @param receiveKey this side's receiving key (copied)
     * @param localIndex the index this side chose: incoming packets carry it
     * @param remoteIndex the index the peer chose: outgoing packets carry it
     */
    public static SessionCrypto create(CipherSuite suite, byte[] sendKey, byte[] receiveKey,
            int localIndex, int remoteIndex, SessionConfig config) {
        return new SessionCrypto(new PacketSealer(suite, sendKey, remoteIndex, config),
                new PacketOpener(suite, receiveKey, localIndex, config));
    }
}
