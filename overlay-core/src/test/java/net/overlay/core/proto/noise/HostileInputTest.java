package net.overlay.core.proto.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.overlay.core.proto.noise.HandshakeState.Status;
import org.junit.jupiter.api.Test;

/**
 * What a peer or an attacker on the path can send: every malformed handshake message must end in
 * {@link NoiseException}, never another exception, and a handshake that failed stays dead.
 */
class HostileInputTest {
    /** Curve25519 points of small order (libsodium's blocklist): DH with them is all zeros. */
    private static final List<String> LOW_ORDER_POINTS = List.of(
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157");

    @Test
    void truncatedFirstMessageIsRejectedAtEveryLength() throws NoiseException {
        Peers p = new Peers(10);
        byte[] message = p.ikInitiator(p.device.publicKey()).writeMessage(new byte[5]);
        for (int len = 0; len < message.length; len++) {
            HandshakeState device = p.ikResponder();
            byte[] truncated = Arrays.copyOf(message, len);
            assertThatThrownBy(() -> device.readMessage(truncated)).as("length %d", len)
                    .isInstanceOf(NoiseException.class);
            assertThat(device.status()).isEqualTo(Status.FAILED);
        }
    }

    @Test
    void extendedMessageFailsItsTag() throws NoiseException {
        Peers p = new Peers(11);
        HandshakeState client = p.xxInitiator();
        HandshakeState device = p.xxResponder();
        device.readMessage(client.writeMessage(new byte[0]));
        byte[] reply = device.writeMessage(new byte[3]);
        byte[] extended = Arrays.copyOf(reply, reply.length + 1);
        assertThatThrownBy(() -> client.readMessage(extended)).isInstanceOf(NoiseException.class);
    }

    @Test
    void everySingleBitFlipOfAnIkFirstMessageIsRejected() throws NoiseException {
        Peers p = new Peers(12);
        byte[] message = p.ikInitiator(p.device.publicKey()).writeMessage(new byte[4]);
        for (int bit = 0; bit < message.length * 8; bit++) {
            byte[] flipped = message.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            HandshakeState device = p.ikResponder();
            assertThatThrownBy(() -> device.readMessage(flipped)).as("bit %d", bit)
                    .isInstanceOf(NoiseException.class);
        }
    }

    @Test
    void aMessageOutOfTurnIsRejectedWithoutKillingTheHandshake() throws NoiseException {
        Peers p = new Peers(13);
        HandshakeState client = p.xxInitiator();
        HandshakeState device = p.xxResponder();
        byte[] first = client.writeMessage(new byte[0]);
        device.readMessage(first);
        // The device must write next: a replayed message 1 is out of turn and changes nothing.
        assertThatThrownBy(() -> device.readMessage(first))
                .isInstanceOf(NoiseException.class).hasMessageContaining("out of turn");
        assertThat(device.status()).isEqualTo(Status.WRITE);
        Peers.complete(client, device);
        assertThatThrownBy(() -> client.readMessage(first))
                .isInstanceOf(NoiseException.class).hasMessageContaining("out of turn");
    }

    @Test
    void lowOrderEphemeralKeysAbortTheHandshake() throws NoiseException {
        Peers p = new Peers(14);
        byte[] genuine = p.ikInitiator(p.device.publicKey()).writeMessage(new byte[0]);
        for (String point : LOW_ORDER_POINTS) {
            byte[] forged = genuine.clone();
            System.arraycopy(HexFormat.of().parseHex(point), 0, forged, 0, 32);
            HandshakeState device = p.ikResponder();
            assertThatThrownBy(() -> device.readMessage(forged)).as(point)
                    .isInstanceOf(NoiseException.class).hasMessageContaining("low-order");
            assertThat(device.status()).isEqualTo(Status.FAILED);
        }
    }

    @Test
    void lowOrderEphemeralInTheResponsesOfXxAbortsTheInitiator() throws NoiseException {
        Peers p = new Peers(15);
        HandshakeState client = p.xxInitiator();
        HandshakeState device = p.xxResponder();
        device.readMessage(client.writeMessage(new byte[0]));
        byte[] reply = device.writeMessage(new byte[0]);
        Arrays.fill(reply, 0, 32, (byte) 0);
        assertThatThrownBy(() -> client.readMessage(reply))
                .isInstanceOf(NoiseException.class).hasMessageContaining("low-order");
    }

    @Test
    void ikToTheWrongDeviceKeyFailsToDecryptAtTheResponder() throws NoiseException {
        Peers p = new Peers(16);
        DhKeyPair someoneElse = DhKeyPair.generate(p.random);
        byte[] message = p.ikInitiator(someoneElse.publicKey()).writeMessage(new byte[0]);
        HandshakeState device = p.ikResponder();
        assertThatThrownBy(() -> device.readMessage(message))
                .isInstanceOf(NoiseException.class).hasMessageContaining("decryption failed");
    }

    @Test
    void aFailedHandshakeStaysDeadEvenForTheGenuineMessage() throws NoiseException {
        Peers p = new Peers(17);
        byte[] message = p.ikInitiator(p.device.publicKey()).writeMessage(new byte[0]);
        HandshakeState device = p.ikResponder();
        byte[] corrupt = message.clone();
        corrupt[corrupt.length - 1] ^= 1;
        assertThatThrownBy(() -> device.readMessage(corrupt)).isInstanceOf(NoiseException.class);
        assertThatThrownBy(() -> device.readMessage(message))
                .isInstanceOf(NoiseException.class).hasMessageContaining("already failed");
        assertThatThrownBy(() -> device.writeMessage(new byte[0])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(device::split).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOverlongMessageIsRejectedBeforeAnyWork() {
        Peers p = new Peers(18);
        HandshakeState device = p.ikResponder();
        assertThatThrownBy(() -> device.readMessage(new byte[HandshakeState.MAX_MESSAGE_BYTES + 1]))
                .isInstanceOf(NoiseException.class).hasMessageContaining("exceeds");
    }

    /**
     * Random bytes, or a genuine message with random corruption, at any stage of IK or XX: the
     * reader either accepts them (possible only where the message is not yet encrypted) or
     * throws {@link NoiseException}; nothing else escapes.
     */
    @Property(tries = 300)
    void readMessageRaisesOnlyNoiseExceptionAtAnyStage(@ForAll boolean ik, @ForAll @IntRange(max = 3) int stage,
                                                        @ForAll @Size(max = 200) byte[] noise,
                                                        @ForAll boolean corruptGenuine,
                                                        @ForAll @IntRange(max = 199) int position) throws NoiseException {
        Peers p = new Peers(stage);
        HandshakeState a = ik ? p.ikInitiator(p.device.publicKey()) : p.xxInitiator();
        HandshakeState b = ik ? p.ikResponder() : p.xxResponder();
        byte[] pending = null;
        HandshakeState target = b;
        for (int i = 0; i < stage && !(a.isComplete() && b.isComplete()); i++) {
            HandshakeState sender = a.status() == Status.WRITE ? a : b;
            target = sender == a ? b : a;
            pending = sender.writeMessage(new byte[i]);
            if (i < stage - 1) {
                target.readMessage(pending);
            }
        }
        HandshakeState reader = target;
        byte[] input = noise;
        if (corruptGenuine && pending != null && pending.length > 0) {
            input = pending.clone();
            input[position % input.length] ^= (byte) (noise.length == 0 ? 1 : noise[0] | 1);
        }
        byte[] bytes = input;
        Throwable thrown = catchThrowable(() -> reader.readMessage(bytes));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(NoiseException.class);
        }
    }
}
