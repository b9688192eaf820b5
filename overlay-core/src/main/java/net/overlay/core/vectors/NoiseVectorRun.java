package net.overlay.core.vectors;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.proto.noise.HandshakeBuilder;
import net.overlay.core.proto.noise.HandshakePattern;
import net.overlay.core.proto.noise.HandshakeResult;
import net.overlay.core.proto.noise.HandshakeState;
import net.overlay.core.proto.noise.NoiseException;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.proto.noise.Role;
import net.overlay.core.proto.wire.Bytes;

/**
 * Plays one vector: an initiator and a responder configured from the vector talk to each other,
 * and every message's bytes, every received payload and the handshake hash are compared with the
 * file. Collects mismatches as short lines instead of stopping at the first.
 */
final class NoiseVectorRun {
    private static final int SHOWN_BYTES = 12;
    private static final byte[] NO_AD = new byte[0];

    private final NoiseVector vector;
    private final NoiseProtocol protocol;
    private final List<String> mismatches = new ArrayList<>();

    private NoiseVectorRun(NoiseVector vector, NoiseProtocol protocol) {
        this.vector = vector;
        this.protocol = protocol;
    }

    /** Runs {@code vector} under {@code protocol}; returns the mismatch lines, empty when all matched. */
    static List<String> run(NoiseVector vector, NoiseProtocol protocol) {
        NoiseVectorRun run = new NoiseVectorRun(vector, protocol);
        try {
            run.play();
        } catch (NoiseException e) {
            run.mismatch("rejected: " + e.getMessage());
        } catch (RuntimeException e) {
            run.mismatch("error: " + e);
        }
        return run.mismatches;
    }

    private void play() throws NoiseException {
        HandshakeState initiator = configure(Role.INITIATOR);
        HandshakeState responder = configure(Role.RESPONDER);
        int handshakeMessages = protocol.pattern().messages().size();
        List<NoiseVector.Message> messages = vector.messages();
        if (messages.size() < handshakeMessages) {
            mismatch("only " + messages.size() + " messages for a " + handshakeMessages + "-message handshake");
            return;
        }
        for (int i = 0; i < handshakeMessages; i++) {
            boolean fromInitiator = HandshakePattern.sender(i) == Role.INITIATOR;
            HandshakeState sender = fromInitiator ? initiator : responder;
            HandshakeState receiver = fromInitiator ? responder : initiator;
            NoiseVector.Message m = messages.get(i);
            byte[] wire = sender.writeMessage(m.payload().toArray());
            compare(i, "ciphertext", m.ciphertext(), wire);
            compare(i, "payload", m.payload(), receiver.readMessage(m.ciphertext().toArray()));
        }
        if (vector.handshakeHash() != null) {
            compare(handshakeMessages - 1, "initiator's handshake hash", vector.handshakeHash(),
                    initiator.handshakeHash().toArray());
            compare(handshakeMessages - 1, "responder's handshake hash", vector.handshakeHash(),
                    responder.handshakeHash().toArray());
        }
        transport(initiator.split(), responder.split(), handshakeMessages);
    }

    // After Split the directions keep alternating; a one-way pattern only sends from the initiator.
    private void transport(HandshakeResult initiator, HandshakeResult responder, int first)
            throws NoiseException {
        List<NoiseVector.Message> messages = vector.messages();
        for (int i = first; i < messages.size(); i++) {
            boolean fromInitiator = protocol.pattern().oneWay() || HandshakePattern.sender(i) == Role.INITIATOR;
            HandshakeResult sender = fromInitiator ? initiator : responder;
            HandshakeResult receiver = fromInitiator ? responder : initiator;
            NoiseVector.Message m = messages.get(i);
            compare(i, "ciphertext", m.ciphertext(), sender.sendCipher().encryptWithAd(NO_AD, m.payload().toArray()));
            compare(i, "payload", m.payload(),
                    receiver.receiveCipher().decryptWithAd(NO_AD, m.ciphertext().toArray()));
        }
    }

    private HandshakeState configure(Role role) {
        boolean init = role == Role.INITIATOR;
        HandshakeBuilder b = HandshakeState.builder(protocol, role)
                .prologue((init ? vector.initPrologue() : vector.respPrologue()).toArray());
        Bytes localStatic = init ? vector.initStatic() : vector.respStatic();
        Bytes ephemeral = init ? vector.initEphemeral() : vector.respEphemeral();
        Bytes remoteStatic = init ? vector.initRemoteStatic() : vector.respRemoteStatic();
        if (localStatic != null) {
            b.localStatic(DhKeyPair.fromPrivateKey(localStatic.toArray()));
        }
        if (ephemeral != null) {
            b.localEphemeral(DhKeyPair.fromPrivateKey(ephemeral.toArray()));
        }
        if (remoteStatic != null) {
            b.remoteStatic(remoteStatic.toArray());
        }
        for (Bytes psk : init ? vector.initPsks() : vector.respPsks()) {
            b.psk(psk.toArray());
        }
        return b.build();
    }

    private void compare(int message, String what, Bytes expected, byte[] got) {
        Bytes actual = Bytes.wrapOwned(got);
        if (!expected.equals(actual)) {
            mismatch("message " + message + ": " + what + " expected " + shortHex(expected) + " got " + shortHex(actual));
        }
    }

    private void mismatch(String line) {
        mismatches.add(vector.protocolName() + " (#" + vector.index() + "): " + line);
    }

    private static String shortHex(Bytes b) {
        String hex = b.toHex();
        return hex.length() <= 2 * SHOWN_BYTES
                ? hex
                : hex.substring(0, 2 * SHOWN_BYTES) + "..(" + b.length() + " bytes)";
    }
}
