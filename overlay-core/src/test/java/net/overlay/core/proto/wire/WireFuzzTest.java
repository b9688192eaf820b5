package net.overlay.core.proto.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;

/**
 * Hostile input for both decoders: random bytes, and valid encodings with bits flipped, cut short,
 * extended, spliced, or with a varint rewritten. Whatever comes in, decode returns or throws
 * {@link WireException}; what decodes re-encodes to the same thing; and no input makes a decoder
 * allocate out of proportion to its size. {@code -Doverlay.fuzz.iterations=N} and {@code
 * -Doverlay.fuzz.seed=S} reproduce or lengthen a run.
 */
class WireFuzzTest {
    private static final int ITERATIONS = Integer.getInteger("overlay.fuzz.iterations", 100_000);
    private static final long SEED = Long.getLong("overlay.fuzz.seed", 0x0e7_1a7L);
    private static final int CORPUS_SIZE = 400;
    /**
     * Allocation allowed per decode: the records and lists a valid input may legitimately need,
     * plus an exception. Far below what trusting one wire length (up to 2^62) would cost.
     */
    private static final int ALLOCATION_BYTES_PER_INPUT_BYTE = 256;
    private static final int ALLOCATION_SLACK_BYTES = 16 * 1024;
    private static final long[] INTERESTING = {0, 1, 2, 7, 8, 16, 63, 64, 255, 256, 257, 1023, 1024, 1025,
        4095, 4096, 4097, 16383, 16384, 65507, 65536, (1L << 30) - 1, 1L << 30, (1L << 62) - 2, (1L << 62) - 1};

    private static final com.sun.management.ThreadMXBean ALLOCATION_COUNTER = allocationCounter();

    // jqwik examples rather than JUnit tests: the corpus comes from the jqwik generators, which
    // only run on jqwik's threads; the seed is ours so that a failure can be replayed.
    @Example
    void hostileDatagramsRaiseNothingButWireException() {
        Random random = new Random(SEED);
        run(sample(WireArbitraries.packets(), random).stream().map(PacketCodec::encode).toList(), random);
    }

    @Example
    void hostileFramePayloadsRaiseNothingButWireException() {
        Random random = new Random(SEED + 1);
        run(sample(WireArbitraries.frameSequences(), random).stream().map(WireFuzzTest::encodeAll).toList(), random);
    }

    /** Half the iterations on each corpus; every input goes through both decoders. */
    private static void run(List<byte[]> corpus, Random random) {
        int decodedPackets = 0;
        int decodedPayloads = 0;
        for (int i = 0; i < ITERATIONS / 2; i++) {
            byte[] input = mutate(corpus, random);
            try {
                decodedPackets += checkPacketDecoder(input);
                decodedPayloads += checkFrameDecoder(input);
            } catch (Throwable t) {
                fail("seed %d iteration %d, input %s: %s", SEED, i, HexFormat.of().formatHex(input), t, t);
            }
        }
        // Not a tautology: a mutator that only ever produced garbage would test little.
        assertThat(decodedPackets + decodedPayloads).as("inputs that decoded").isGreaterThan(ITERATIONS / 100);
    }

    private static int checkPacketDecoder(byte[] input) throws Exception {
        checkAllocation(input, () -> decodePacketOrNull(input), "packet decoder");
        Packet packet = decodePacketOrNull(input);
        if (packet == null) {
            try {
                new PacketView().wrap(input, 0, input.length);
                throw new AssertionError("the view accepted what decode refused");
            } catch (WireException expected) {
                return 0;
            }
        }
        // Packets have one encoding only, so a decoded packet re-encodes to the same bytes.
        assertThat(PacketCodec.encode(packet)).isEqualTo(input);
        assertThat(new PacketView().wrap(input, 0, input.length).type()).isEqualTo(packet.type());
        return 1;
    }

    private static int checkFrameDecoder(byte[] input) throws Exception {
        checkAllocation(input, () -> decodeFramesOrNull(input), "frame decoder");
        List<Frame> frames = decodeFramesOrNull(input);
        if (frames == null) {
            return 0;
        }
        // Varints may come back shorter, so compare values: decode(encode(decode(x))) == decode(x).
        byte[] again = encodeAll(frames);
        assertThat(FrameCodec.decodeAll(again, 0, again.length)).isEqualTo(frames);
        assertThat(again.length).isLessThanOrEqualTo(input.length);
        return 1;
    }

    private static Packet decodePacketOrNull(byte[] input) {
        try {
            return PacketCodec.decode(input);
        } catch (WireException e) {
            return null;
        }
    }

    private static List<Frame> decodeFramesOrNull(byte[] input) {
        try {
            return FrameCodec.decodeAll(input, 0, input.length);
        } catch (WireException e) {
            return null;
        }
    }

    /**
     * Fails when a decode allocates more than the bound, twice in a row: the first run of a code
     * path also allocates for class loading and initialisation, which is not the decoder's doing.
     */
    private static void checkAllocation(byte[] input, Runnable decode, String decoder) {
        if (ALLOCATION_COUNTER == null) {
            return;
        }
        long allowed = (long) ALLOCATION_BYTES_PER_INPUT_BYTE * input.length + ALLOCATION_SLACK_BYTES;
        long allocated = allocationOf(decode);
        if (allocated > allowed && (allocated = allocationOf(decode)) > allowed) {
            throw new AssertionError(decoder + " allocated " + allocated + " bytes for " + input.length);
        }
    }

    private static long allocationOf(Runnable decode) {
        long before = allocatedBytes();
        decode.run();
        return allocatedBytes() - before;
    }

    private static long allocatedBytes() {
        return ALLOCATION_COUNTER == null ? 0 : ALLOCATION_COUNTER.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean counter
                && counter.isThreadAllocatedMemorySupported()) {
            counter.setThreadAllocatedMemoryEnabled(true);
            return counter;
        }
        return null;
    }

    private static byte[] mutate(List<byte[]> corpus, Random random) {
        byte[] valid = corpus.get(random.nextInt(corpus.size()));
        return switch (random.nextInt(8)) {
            case 0 -> randomBytes(random, random.nextInt(random.nextBoolean() ? 32 : 1400));
            case 1 -> flipBits(valid, random);
            case 2 -> Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            case 3 -> concat(valid, randomBytes(random, 1 + random.nextInt(64)));
            case 4 -> editVarint(valid, random);
            case 5 -> concat(Arrays.copyOf(valid, random.nextInt(valid.length + 1)),
                    tail(corpus.get(random.nextInt(corpus.size())), random));
            case 6 -> withHeader(valid, random);
            default -> editVarint(flipBits(valid, random), random);
        };
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    private static byte[] flipBits(byte[] valid, Random random) {
        byte[] out = valid.clone();
        for (int flips = 1 + random.nextInt(8); flips > 0 && out.length > 0; flips--) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    /** Writes a varint of an interesting value, in any form that holds it, at a random position. */
    private static byte[] editVarint(byte[] valid, Random random) {
        long value = random.nextInt(4) == 0
                ? random.nextLong() >>> 2
                : INTERESTING[random.nextInt(INTERESTING.length)];
        int width = Math.max(Varint.encodedLength(value), 1 << random.nextInt(4));
        int at = valid.length == 0 ? 0 : random.nextInt(valid.length);
        byte[] varint = new byte[width];
        Varint.encode(value, width, varint, 0);
        boolean overwrite = random.nextBoolean();
        int keepFrom = overwrite ? Math.min(valid.length, at + width) : at;
        return concat(concat(Arrays.copyOf(valid, at), varint), Arrays.copyOfRange(valid, keepFrom, valid.length));
    }

    /** Keeps the body but rewrites the two header bytes within and just outside the valid range. */
    private static byte[] withHeader(byte[] valid, Random random) {
        byte[] out = valid.length < 2 ? new byte[2] : valid.clone();
        out[0] = (byte) (0xd0 | random.nextInt(random.nextBoolean() ? 2 : 16));
        out[1] = (byte) random.nextInt(8);
        return out;
    }

    private static byte[] tail(byte[] bytes, Random random) {
        return Arrays.copyOfRange(bytes, random.nextInt(bytes.length + 1), bytes.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] encodeAll(List<Frame> frames) {
        byte[] out = new byte[frames.stream().mapToInt(FrameCodec::encodedLength).sum()];
        int pos = 0;
        for (Frame f : frames) {
            pos = FrameCodec.encode(f, out, pos);
        }
        return out;
    }

    private static <T> List<T> sample(Arbitrary<T> arbitrary, Random random) {
        RandomGenerator<T> generator = arbitrary.generatorWithEmbeddedEdgeCases(1000);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < CORPUS_SIZE; i++) {
            out.add(generator.next(random).value());
        }
        return out;
    }
}
