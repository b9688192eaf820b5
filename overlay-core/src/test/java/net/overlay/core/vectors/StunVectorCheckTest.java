package net.overlay.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.overlay.core.proto.stun.Rfc5769;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./overlay vectors stun FILE}: the shared RFC 5769 file, an embedded copy, broken files. */
class StunVectorCheckTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void sharedRfc5769FileMatchesInFull() throws IOException {
        String shared = System.getProperty("overlay.shared.dir", "../shared");
        Path file = Path.of(shared, "vectors", "stun-rfc5769.txt");
        Assumptions.assumeTrue(Files.isReadable(file),
                "skipped: shared vector file " + file.toAbsolutePath() + " is not there");
        assertThat(StunVectorCheck.run(file, out)).as(printed()).isZero();
        assertThat(printed()).contains("4 of 4 matched").doesNotContain("FAIL");
    }

    @Test
    void embeddedSamplesMatchWithIntegrityValuesAndPaddingNoted() throws IOException {
        Path file = write(embeddedSamples());
        assertThat(StunVectorCheck.run(file, out)).as(printed()).isZero();
        List<String> lines = printed().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("OK    rfc5769-2.1-request:").contains("fingerprint ok", "integrity ok",
                "4 values as RFC 5769 2.1 states", "except 3 padding byte(s)");
        assertThat(lines.get(3)).contains("no fingerprint", "integrity ok", "re-encoded identically");
        assertThat(lines.get(4)).isEqualTo("4 of 4 matched");
    }

    @Test
    void vectorWithAnUnknownNameIsCheckedWithoutIntegrity() throws IOException {
        Path file = write("my-own-sample", Rfc5769.RESPONSE_IPV4_HEX);
        assertThat(StunVectorCheck.run(file, out)).isZero();
        assertThat(printed()).contains("integrity not checked: no credentials known", "1 of 1 matched");
    }

    @Test
    void flippedBitFailsThatVectorOnly() throws IOException {
        String flipped = Rfc5769.RESPONSE_IPV4_HEX.substring(0, 60) + "0" + Rfc5769.RESPONSE_IPV4_HEX.substring(61);
        Path file = write("rfc5769-2.1-request", Rfc5769.REQUEST_HEX, "rfc5769-2.2-response-ipv4", flipped);
        assertThat(StunVectorCheck.run(file, out)).isEqualTo(1);
        assertThat(printed()).contains("FAIL  rfc5769-2.2-response-ipv4:", "1 of 2 matched");
    }

    @Test
    void valuesThatContradictTheRfcFailEvenWithValidChecksums() throws IOException {
        // sample 2.2's bytes under the name of 2.3: integrity holds, the stated address does not
        Path file = write("rfc5769-2.3-response-ipv6", Rfc5769.RESPONSE_IPV4_HEX);
        assertThat(StunVectorCheck.run(file, out)).isEqualTo(1);
        assertThat(printed()).contains("FAIL", "expected XorMappedAddress", "0 of 1 matched");
    }

    @Test
    void malformedLinesAreMismatchesWithAReasonNotCrashes() throws IOException {
        Path file = write(
                "odd-one", "0001000",
                "name-without-hex",
                "rfc5769-2.4-request-long-term", Rfc5769.REQUEST_LONG_TERM_HEX,
                "not-stun", "ffff",
                "dangling-name");
        assertThat(StunVectorCheck.run(file, out)).isEqualTo(1);
        assertThat(printed())
                .contains("FAIL  odd-one: odd-length hex (7 digits)")
                .contains("FAIL  name-without-hex: no hex line follows the name")
                .contains("OK    rfc5769-2.4-request-long-term")
                .contains("FAIL  not-stun: does not decode: TOO_SHORT")
                .contains("FAIL  dangling-name: no hex line follows the name")
                .contains("1 of 5 matched");
    }

    @Test
    void hexWithoutANameIsAMismatch() throws IOException {
        Path file = write(Rfc5769.REQUEST_HEX);
        assertThat(StunVectorCheck.run(file, out)).isEqualTo(1);
        assertThat(printed()).contains("hex line without a name", "0 of 1 matched");
    }

    @Test
    void fileWithoutVectorsIsNotASuccess() throws IOException {
        assertThat(StunVectorCheck.run(write("# only a comment"), out)).isEqualTo(1);
        assertThat(printed()).contains("0 of 0 matched");
    }

    @Test
    void missingFileIsAnIOException() {
        assertThatThrownBy(() -> StunVectorCheck.run(dir.resolve("absent.txt"), out))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("absent.txt")
                .hasMessageEndingWith(": no such file");
    }

    private static String[] embeddedSamples() {
        return new String[] {
            "# RFC 5769 samples, embedded",
            "rfc5769-2.1-request", Rfc5769.REQUEST_HEX,
            "rfc5769-2.2-response-ipv4", Rfc5769.RESPONSE_IPV4_HEX,
            "",
            "rfc5769-2.3-response-ipv6", Rfc5769.RESPONSE_IPV6_HEX,
            "rfc5769-2.4-request-long-term", Rfc5769.REQUEST_LONG_TERM_HEX,
        };
    }

    private Path write(String... lines) throws IOException {
        return Files.write(dir.resolve("vectors.txt"), List.of(lines), StandardCharsets.UTF_8);
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
