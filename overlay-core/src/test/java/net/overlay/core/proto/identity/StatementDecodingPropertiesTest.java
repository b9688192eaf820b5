package net.overlay.core.proto.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.overlay.core.spi.RandomSource;

/** Decoders meet hostile bytes: only MalformedStatementException may come out, whatever goes in. */
class StatementDecodingPropertiesTest {
    private static final RandomSource RANDOM = RandomSource.seeded(31);
    private static final Identity A = Identity.generate(RANDOM);
    private static final Identity B = Identity.generate(RANDOM);
    private static final byte[][] VALID = {
        DeviceCertificate.issue(new DeviceId("d1"), B, A, 1, 2, 3).encode(),
        ConnectionTicket.issue(A, B.peerId(), new DeviceId("d1"), "http", B.staticPublicKey(), 99, RANDOM).encode(),
        Grant.issue(A, B.peerId(), new DeviceId("d1"), Set.of("http", "ssh"), Role.ADMIN, 99, RANDOM).encode(),
    };

    @Property(tries = 2000)
    void arbitraryBytesNeverThrowAnythingButMalformed(@ForAll @Size(max = 600) byte[] bytes,
            @ForAll @IntRange(min = 1, max = 3) int kind) {
        // Give random bytes a valid version and kind half of the time, so that field parsing is reached.
        if (bytes.length >= 2 && (bytes[0] & 1) == 0) {
            bytes[0] = 1;
            bytes[1] = (byte) kind;
        }
        decodesAsAny(bytes);
    }

    @Property(tries = 2000)
    void mutatedValidStatementsNeverThrowAnythingButMalformed(@ForAll("mutations") byte[] bytes) {
        decodesAsAny(bytes);
    }

    @Property(tries = 300)
    void everyPrefixOfAValidStatementIsMalformed(@ForAll @IntRange(min = 0, max = 2) int which,
            @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] valid = VALID[which];
        byte[] prefix = java.util.Arrays.copyOf(valid, cut % valid.length);
        assertThat(decodesAsAny(prefix)).isFalse();
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        return Arbitraries.integers().between(0, 2).flatMap(which -> {
            byte[] base = VALID[which];
            return Arbitraries.integers().between(0, base.length - 1).list().ofMaxSize(4).flatMap(positions ->
                    Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                        byte[] copy = base.clone();
                        for (int i = 0; i < positions.size(); i++) {
                            copy[positions.get(i)] = values.get(i);
                        }
                        return copy;
                    }));
        });
    }

    /**
     * Decodes with every decoder, failing the test on any exception but the checked one; whatever
     * decodes must re-encode to the same bytes (one canonical encoding). Returns whether any did.
     */
    private static boolean decodesAsAny(byte[] bytes) {
        boolean any = false;
        try {
            assertThat(DeviceCertificate.decode(bytes).encode()).isEqualTo(bytes);
            any = true;
        } catch (MalformedStatementException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            assertThat(ConnectionTicket.decode(bytes).encode()).isEqualTo(bytes);
            any = true;
        } catch (MalformedStatementException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            assertThat(Grant.decode(bytes).encode()).isEqualTo(bytes);
            any = true;
        } catch (MalformedStatementException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        return any;
    }
}
