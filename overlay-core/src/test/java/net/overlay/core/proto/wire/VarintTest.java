package net.overlay.core.proto.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VarintTest {
    private static final HexFormat HEX = HexFormat.of();

    // RFC 9000 appendix A.1, the sample variable-length integer decodings.
    @ParameterizedTest
    @CsvSource({
        "c2197c5eff14e88c, 151288809941952652",
        "9d7f3e7d, 494878333",
        "7bbd, 15293",
        "25, 37",
        "4025, 37"
    })
    void decodesTheRfc9000AppendixExamples(String hex, long value) throws WireException {
        byte[] bytes = HEX.parseHex(hex);
        assertThat(Varint.decode(bytes, 0, bytes.length)).isEqualTo(value);
        assertThat(Varint.lengthOf(bytes[0])).isEqualTo(bytes.length);
    }

    @ParameterizedTest
    @CsvSource({
        "151288809941952652, c2197c5eff14e88c",
        "494878333, 9d7f3e7d",
        "15293, 7bbd",
        "37, 25"
    })
    void encodesTheRfc9000AppendixExamplesInTheirShortestForm(long value, String hex) {
        byte[] out = new byte[8];
        int end = Varint.encode(value, out, 0);
        assertThat(HEX.formatHex(out, 0, end)).isEqualTo(hex);
        assertThat(Varint.encodedLength(value)).isEqualTo(end);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "63, 1", "64, 2", "16383, 2", "16384, 4", "1073741823, 4", "1073741824, 8",
        "4611686018427387903, 8"})
    void picksTheShortestFormAtEachBoundary(long value, int lenBytes) {
        assertThat(Varint.encodedLength(value)).isEqualTo(lenBytes);
    }

    @Test
    void refusesValuesOutside62Bits() {
        assertThatThrownBy(() -> Varint.encodedLength(1L << 62)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Varint.encodedLength(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Varint.encode(64, 1, new byte[8], 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsATruncatedVarintAsTruncated() {
        byte[] eightByteForm = HEX.parseHex("c2197c5eff14e8");
        assertThatThrownBy(() -> Varint.decode(eightByteForm, 0, eightByteForm.length))
                .isInstanceOfSatisfying(WireException.class,
                        e -> assertThat(e.reason()).isEqualTo(WireException.Reason.TRUNCATED));
        assertThatThrownBy(() -> Varint.decode(new byte[0], 0, 0)).isInstanceOf(WireException.class);
    }

    @Property
    void everyFormLongEnoughForAValueDecodesToThatValue(
            @ForAll @LongRange(min = 0, max = (1L << 62) - 1) long value) throws WireException {
        for (int lenBytes : new int[] {1, 2, 4, 8}) {
            if (lenBytes < Varint.encodedLength(value)) {
                continue;
            }
            byte[] out = new byte[8];
            int end = Varint.encode(value, lenBytes, out, 0);
            assertThat(end).isEqualTo(lenBytes);
            assertThat(Varint.decode(out, 0, end)).isEqualTo(value);
        }
    }
}
