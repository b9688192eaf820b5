package net.overlay.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.identity.ConnectionTicket;
import net.overlay.core.proto.identity.DeviceCertificate;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.MalformedStatementException;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.proto.noise.HandshakeState;
import net.overlay.core.proto.noise.NoiseException;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.proto.session.OpenStatus;
import net.overlay.core.proto.session.PacketOpener;
import net.overlay.core.proto.session.PacketSealer;
import net.overlay.core.proto.session.SessionConfig;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The issue's bar for every decoder that reads bytes from the network or from a peer: at least
 * {@code overlay.fuzz.iterations} (100,000 by default) random and mutated inputs end in a result or
 * the decoder's own error type, nothing else. The wire and STUN codecs have their own fuzz tests
 * ({@code WireFuzzTest}, {@code StunRobustnessTest}); this class covers the signed statements, the
 * Noise handshake reader and the session's packet opener. Mutations start from valid encodings so
 * that inputs get deep into each decoder rather than failing at the first byte.
 */
class DecoderRobustnessTest {
    private static final int ITERATIONS = Integer.getInteger("overlay.fuzz.iterations", 100_000);
    private static final long NOW_MS = 1_700_000_000_000L;

    /** Random bytes, or a valid seed with flips, truncation, extension or spliced random runs. */
    private static byte[] mutate(byte[] seed, SplittableRandom r) {
        int kind = r.nextInt(6);
        switch (kind) {
            case 0 -> {
                byte[] b = new byte[r.nextInt(seed.length * 2 + 2)];
                r.nextBytes(b);
                return b;
            }
            case 1 -> {
                byte[] b = seed.clone();
                int flips = 1 + r.nextInt(4);
                for (int i = 0; i < flips && b.length > 0; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }
            case 2 -> {
                return java.util.Arrays.copyOf(seed, r.nextInt(seed.length + 1));
            }
            case 3 -> {
                byte[] b = java.util.Arrays.copyOf(seed, seed.length + 1 + r.nextInt(64));
                for (int i = seed.length; i < b.length; i++) {
                    b[i] = (byte) r.nextInt(256);
                }
                return b;
            }
            case 4 -> {
                byte[] b = seed.clone();
                if (b.length > 0) {
                    int at = r.nextInt(b.length);
                    int run = Math.min(b.length - at, 1 + r.nextInt(16));
                    for (int i = 0; i < run; i++) {
                        b[at + i] = (byte) r.nextInt(256);
                    }
                }
                return b;
            }
            default -> {
                byte[] b = seed.clone();
                if (b.length > 2) {
                    // Length-like fields: set a byte to an extreme value.
                    b[r.nextInt(b.length)] = (byte) (r.nextBoolean() ? 0xff : 0x00);
                }
                return b;
            }
        }
    }

    private interface Decoder {
        void decode(byte[] input) throws Exception;
    }

    private static void fuzz(String name, byte[][] seeds, Set<Class<? extends Exception>> allowed, Decoder d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(seeds[r.nextInt(seeds.length)], r);
            try {
                d.decode(input);
            } catch (Throwable t) {
                if (!(t instanceof Exception e) || allowed.stream().noneMatch(c -> c.isInstance(e))) {
                    fail(name + " threw " + t + " on input " + HexFormat.of().formatHex(input), t);
                }
            }
        }
    }

    @Test
    void signedStatementDecodersRaiseOnlyTheirErrorType() {
        RandomSource random = RandomSource.seeded(1);
        Identity owner = Identity.generate(random);
        Identity device = Identity.generate(random);
        Identity user = Identity.generate(random);
        Identity rendezvous = Identity.generate(random);
        DeviceId id = new DeviceId("camera-1");
        byte[] cert = DeviceCertificate.issue(id, device, owner, 0, NOW_MS + 1000, 7).encode();
        byte[] ticket = ConnectionTicket.issue(rendezvous, user.peerId(), id, "http", user.staticPublicKey(),
                NOW_MS + 60_000, random).encode();
        byte[] grant = Grant.issue(owner, user.peerId(), id, Set.of("http", "ssh"), Role.USER, NOW_MS + 60_000, random)
                .encode();
        byte[][] seeds = {cert, ticket, grant};
        Set<Class<? extends Exception>> allowed = Set.of(MalformedStatementException.class);
        fuzz("DeviceCertificate.decode", seeds, allowed, DeviceCertificate::decode, 11);
        fuzz("ConnectionTicket.decode", seeds, allowed, ConnectionTicket::decode, 12);
        fuzz("Grant.decode", seeds, allowed, Grant::decode, 13);
    }

    @Test
    void noiseResponderReadingHostileFirstMessagesRaisesOnlyNoiseException() throws NoiseException {
        RandomSource random = RandomSource.seeded(2);
        DhKeyPair deviceStatic = DhKeyPair.generate(random);
        DhKeyPair clientStatic = DhKeyPair.generate(random);
        NoiseProtocol ik = NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S);
        byte[] valid = HandshakeState.builder(ik, net.overlay.core.proto.noise.Role.INITIATOR)
                .localStatic(clientStatic).remoteStatic(deviceStatic.publicKey()).random(random).build()
                .writeMessage(new byte[40]);
        int[] accepted = {0};
        fuzz("HandshakeState.readMessage", new byte[][] {valid}, Set.of(NoiseException.class), input -> {
            HandshakeState responder = HandshakeState.builder(ik, net.overlay.core.proto.noise.Role.RESPONDER)
                    .localStatic(deviceStatic).random(random).build();
            responder.readMessage(input);
            accepted[0]++;
        }, 21);
        // Only an unchanged message can authenticate; mutants that happen to equal it are rare.
        assertThat(accepted[0]).isLessThan(ITERATIONS / 10);
    }

    @Test
    void packetOpenerRejectsEveryForgeryWithAStatusNeverAnException() throws Exception {
        byte[] key = new byte[32];
        RandomSource.seeded(3).nextKeyBytes(key);
        for (CipherSuite suite : CipherSuite.values()) {
            PacketSealer sealer = new PacketSealer(suite, key, 77, SessionConfig.DEFAULT);
            byte[][] seeds = new byte[8][];
            for (int i = 0; i < seeds.length; i++) {
                byte[] plain = new byte[10 + 100 * i];
                byte[] out = new byte[plain.length + 30];
                int n = sealer.seal(plain, 0, plain.length, out, 0);
                seeds[i] = java.util.Arrays.copyOf(out, n);
            }
            PacketOpener opener = new PacketOpener(suite, key, 77, SessionConfig.DEFAULT);
            byte[] out = new byte[4096];
            int[] accepted = {0};
            fuzz("PacketOpener.open/" + suite, seeds, Set.of(), input -> {
                if (opener.open(input, 0, input.length, out, 0) == OpenStatus.ACCEPTED) {
                    accepted[0]++;
                }
            }, 31);
            // Each genuine packet opens at most once (the replay window), forgeries never.
            assertThat(accepted[0]).isLessThanOrEqualTo(seeds.length);
        }
    }
}
