package net.overlay.core.proto.stun;

import static net.overlay.core.proto.stun.StunCodecTest.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.overlay.core.proto.stun.StunAttribute.*;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated datagrams (bit flips, truncations, length-field edits of valid messages,
 * random bytes behind a valid header, plain random bytes) fed to the decoder, the integrity
 * checks, the responder and a client transaction: the decoder may throw only StunException, the
 * others nothing. {@code -Doverlay.fuzz.iterations=N} runs longer.
 */
class StunRobustnessTest {
    private static final InetSocketAddress PRIMARY = address("198.51.100.1", 3478);
    private static final InetSocketAddress CLIENT = address("203.0.113.7", 40000);
    private static final StunKey KEY = StunKey.shortTerm("fuzz");

    private final BindingResponder responder =
            new BindingResponder(BindingResponderConfig.withAlternate(PRIMARY, address("198.51.100.2", 3479), "f"));
    private BindingTransaction transaction = newTransaction();
    private int decoded;

    @Test
    void decoderResponderAndClientRaiseNothingButStunExceptionOnAnyInput() {
        int iterations = Integer.getInteger("overlay.fuzz.iterations", 100_000);
        SplittableRandom rnd = new SplittableRandom(0x570A_5EEDL);
        List<byte[]> seeds = seeds();
        for (int i = 0; i < iterations; i++) {
            byte[] seed = seeds.get(rnd.nextInt(seeds.size()));
            byte[] input = switch (i % 6) {
                case 0 -> flipBits(seed, rnd);
                case 1 -> truncate(seed, rnd);
                case 2 -> editHeaderLength(seed, rnd);
                case 3 -> editAttributeLength(seed, rnd);
                case 4 -> randomBodyBehindHeader(seed, rnd);
                default -> randomBytes(rnd);
            };
            exercise(input);
        }
        // the mutations must reach past the header checks often, or the test proves little
        assertThat(decoded).as("inputs that decoded").isGreaterThan(iterations / 20);
    }

    private void exercise(byte[] input) {
        try {
            StunCodec.decode(input, 0, input.length);
            decoded++;
        } catch (StunException expected) {
            // the one allowed outcome besides success
        } catch (Throwable t) {
            fail("decode threw " + t + " on " + HexFormat.of().formatHex(input), t);
        }
        try {
            StunIntegrity.checkFingerprint(input, 0, input.length);
            StunIntegrity.checkIntegrity(input, 0, input.length, KEY);
            StunIntegrity.checkIntegritySha256(input, 0, input.length, KEY);
            responder.handleRequest(input, 0, input.length, CLIENT, PRIMARY)
                    .ifPresent(r -> assertThat(r.datagram().length()).isLessThanOrEqualTo(3 * input.length));
            if (transaction.handleDatagram(0, PRIMARY, input, 0, input.length)) {
                transaction = newTransaction();
            }
        } catch (Throwable t) {
            fail("threw " + t + " on " + HexFormat.of().formatHex(input), t);
        }
    }

    private List<byte[]> seeds() {
        TransactionId id = transaction.transactionId();
        List<byte[]> seeds = new ArrayList<>();
        for (String hex : List.of(Rfc5769.REQUEST_HEX, Rfc5769.RESPONSE_IPV4_HEX, Rfc5769.RESPONSE_IPV6_HEX,
                Rfc5769.REQUEST_LONG_TERM_HEX)) {
            seeds.add(Rfc5769.bytes(hex));
        }
        seeds.add(StunCodec.encode(StunMessage.bindingRequest(id, List.of(new ChangeRequest(true, true),
                new Padding(12), new ResponsePort(9))), StunTrailer.integrity(KEY, true)));
        seeds.add(StunCodec.encode(new StunMessage(StunClass.SUCCESS_RESPONSE, 1, id, List.of(
                new XorMappedAddress(CLIENT), new ResponseOrigin(PRIMARY), new OtherAddress(address("2001:db8::2", 1)),
                new MappedAddress(CLIENT), new Software("s"))), StunTrailer.FINGERPRINT));
        seeds.add(StunCodec.encode(new StunMessage(StunClass.ERROR_RESPONSE, 1, id, List.of(
                new ErrorCode(420, "Unknown"), new UnknownAttributes(List.of(1, 2, 3)), new Realm("r"),
                new Nonce("n"), new Unknown(0x7777, Bytes.fromHex("0102")))),
                StunTrailer.integritySha256(KEY, true)));
        seeds.add(StunCodec.encode(StunMessage.bindingRequest(id, List.of(new Priority(5), new IceControlling(1),
                new IceControlled(2), new Username("u")))));
        return seeds;
    }

    private static byte[] flipBits(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        for (int n = 1 + rnd.nextInt(3); n > 0; n--) {
            int bit = rnd.nextInt(b.length * 8);
            b[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return b;
    }

    private static byte[] truncate(byte[] seed, SplittableRandom rnd) {
        byte[] b = java.util.Arrays.copyOf(seed, rnd.nextInt(seed.length));
        if (b.length >= 4 && rnd.nextBoolean()) {
            StunWriter.putU16(b, 2, Math.max(0, b.length - 20)); // keep the header consistent
        }
        return b;
    }

    private static byte[] editHeaderLength(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        StunWriter.putU16(b, 2, rnd.nextBoolean() ? rnd.nextInt(0x10000) : (b.length - 20 + 4 * (rnd.nextInt(5) - 2)));
        return b;
    }

    private static byte[] editAttributeLength(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        List<Integer> starts = new ArrayList<>();
        for (int pos = 20; pos + 4 <= b.length; pos += 4 + ((StunWriter.u16(b, pos + 2) + 3) & ~3)) {
            starts.add(pos);
        }
        if (!starts.isEmpty()) {
            int at = starts.get(rnd.nextInt(starts.size()));
            int len = switch (rnd.nextInt(3)) {
                case 0 -> rnd.nextInt(0x10000);
                case 1 -> Math.max(0, StunWriter.u16(b, at + 2) + rnd.nextInt(9) - 4);
                default -> b.length - at - 4 + rnd.nextInt(9) - 4;
            };
            StunWriter.putU16(b, at + 2, Math.floorMod(len, 0x10000));
        }
        return b;
    }

    private static byte[] randomBodyBehindHeader(byte[] seed, SplittableRandom rnd) {
        byte[] b = new byte[20 + 4 * rnd.nextInt(16)];
        System.arraycopy(seed, 0, b, 0, 20);
        StunWriter.putU16(b, 2, b.length - 20);
        for (int pos = 20; pos < b.length; pos += 4) {
            // mostly plausible attribute headers with known types, so values get decoded
            if (rnd.nextInt(3) == 0 && pos + 4 <= b.length) {
                int[] types = {0x0001, 0x0020, 0x0009, 0x000A, 0x0006, 0x0008, 0x001C, 0x8028, 0x802B, 0x0003, 0x0027};
                StunWriter.putU16(b, pos, types[rnd.nextInt(types.length)]);
                StunWriter.putU16(b, pos + 2, rnd.nextInt(Math.max(1, b.length - pos - 3)));
            } else {
                b[pos] = (byte) rnd.nextInt();
                b[pos + 1] = (byte) rnd.nextInt();
                b[pos + 2] = (byte) rnd.nextInt();
                b[pos + 3] = (byte) rnd.nextInt();
            }
        }
        return b;
    }

    private static byte[] randomBytes(SplittableRandom rnd) {
        byte[] b = new byte[rnd.nextInt(80)];
        rnd.nextBytes(b);
        return b;
    }

    private static BindingTransaction newTransaction() {
        return BindingTransaction.start(0, RandomSource.seeded(1), PRIMARY, Optional.empty(), StunClientConfig.DEFAULT);
    }
}
