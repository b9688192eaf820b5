package net.overlay.lab.fuzz;

import java.util.List;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.proto.noise.HandshakeState;
import net.overlay.core.proto.noise.NoiseException;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.proto.noise.Role;
import net.overlay.core.spi.RandomSource;

/**
 * A Noise IK responder (a device) reading a stranger's first handshake message: any input ends in
 * a payload or a {@link NoiseException}, and nothing but the genuine message authenticates.
 */
public final class NoiseTarget {
    private static final NoiseProtocol IK = NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S);
    private static final DhKeyPair RESPONDER;
    private static final byte[] GENUINE;

    static {
        RandomSource random = RandomSource.seeded(9);
        RESPONDER = DhKeyPair.generate(random);
        DhKeyPair initiator = DhKeyPair.generate(random);
        try {
            GENUINE = HandshakeState.builder(IK, Role.INITIATOR).localStatic(initiator)
                    .remoteStatic(RESPONDER.publicKey()).random(random).build().writeMessage(new byte[16]);
        } catch (NoiseException e) {
            throw new IllegalStateException(e);
        }
    }

    private NoiseTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        HandshakeState responder = HandshakeState.builder(IK, Role.RESPONDER).localStatic(RESPONDER)
                .random(RandomSource.seeded(10)).build();
        try {
            responder.readMessage(data);
        } catch (NoiseException expected) {
            return;
        }
        InvariantViolation.check(java.util.Arrays.equals(data, GENUINE), "a forged IK first message authenticated");
    }

    static List<byte[]> seeds() {
        return List.of(GENUINE);
    }
}
