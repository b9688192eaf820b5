package net.overlay.core.proto.noise;

import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.spi.RandomSource;

/** Test fixture: a client and a device identity, and fresh IK or XX handshakes between them. */
final class Peers {
    final RandomSource random;
    final DhKeyPair client;
    final DhKeyPair device;

    Peers(long seed) {
        this.random = RandomSource.seeded(seed);
        this.client = DhKeyPair.generate(random);
        this.device = DhKeyPair.generate(random);
    }

    static NoiseProtocol ik() {
        return NoiseProtocol.ik(CipherSuite.CHACHA_POLY, HashSuite.BLAKE2S);
    }

    static NoiseProtocol xx() {
        return NoiseProtocol.xx(CipherSuite.AES_GCM, HashSuite.SHA256);
    }

    HandshakeState ikInitiator(byte[] deviceStaticPublic) {
        return HandshakeState.builder(ik(), Role.INITIATOR)
                .localStatic(client).remoteStatic(deviceStaticPublic).random(random).build();
    }

    HandshakeState ikResponder() {
        return HandshakeState.builder(ik(), Role.RESPONDER).localStatic(device).random(random).build();
    }

    HandshakeState xxInitiator() {
        return HandshakeState.builder(xx(), Role.INITIATOR).localStatic(client).random(random).build();
    }

    HandshakeState xxResponder() {
        return HandshakeState.builder(xx(), Role.RESPONDER).localStatic(device).random(random).build();
    }

    /** Drives both sides to the end with empty payloads. */
    static void complete(HandshakeState a, HandshakeState b) throws NoiseException {
        while (!a.isComplete() || !b.isComplete()) {
            HandshakeState sender = a.status() == HandshakeState.Status.WRITE ? a : b;
            HandshakeState receiver = sender == a ? b : a;
            receiver.readMessage(sender.writeMessage(new byte[0]));
        }
    }
}
