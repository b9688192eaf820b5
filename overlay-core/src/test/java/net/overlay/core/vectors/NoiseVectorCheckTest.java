package net.overlay.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseVectorCheckTest {
    /** All 472 Curve25519 vectors of the file, and every one of the 472 Curve448 ones skipped. */
    private static final int VECTORS_25519 = 472;

    /** Noise_NN_25519_ChaChaPoly_SHA256 from the cacophony file, with its six messages. */
    private static final String NN_VECTOR = """
            {"vectors": [{
              "protocol_name": "Noise_NN_25519_ChaChaPoly_SHA256",
              "init_prologue": "4a6f686e2047616c74",
              "init_ephemeral": "893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a",
              "resp_prologue": "4a6f686e2047616c74",
              "resp_ephemeral": "bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b",
              "handshake_hash": "%s",
              "messages": [
                {"payload": "4c756477696720766f6e204d69736573",
                 "ciphertext": "ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79444c756477696720766f6e204d69736573"},
                {"payload": "4d757272617920526f746862617264",
                 "ciphertext": "%s"},
                {"payload": "462e20412e20486179656b",
                 "ciphertext": "%s"}
              ]}]}
            """;

    @Test
    void everyCurve25519VectorOfTheSharedFileMatches() throws Exception {
        Path file = Path.of(System.getProperty("overlay.shared.dir", "../shared"), "vectors", "noise-cacophony.txt");
        assumeTrue(Files.isRegularFile(file), "Noise vector file not found at " + file.toAbsolutePath()
                + ": skipping the cacophony check (the embedded vectors still run)");

        NoiseVectorCheck.Report report = NoiseVectorCheck.check(file);

        assertThat(report.mismatches()).isEmpty();
        assertThat(report.supported()).isEqualTo(VECTORS_25519);
        assertThat(report.matched()).isEqualTo(VECTORS_25519);
        assertThat(report.unsupportedByReason())
                .containsExactly(Map.entry("unsupported DH function '448' (only 25519)", VECTORS_25519));
        for (String pattern : List.of("IK", "XX")) {
            for (String cipher : List.of("AESGCM", "ChaChaPoly")) {
                for (String hash : List.of("BLAKE2s", "SHA256")) {
                    assertThat(report.matchedByProtocol())
                            .containsEntry(String.join("_", "Noise", pattern, "25519", cipher, hash), 1);
                }
            }
        }
        assertThat(report.matchedByProtocol()).containsEntry("Noise_IKpsk2_25519_ChaChaPoly_BLAKE2b", 1)
                .containsEntry("Noise_X1X1_25519_AESGCM_SHA512", 1)
                .containsEntry("Noise_N_25519_ChaChaPoly_SHA256", 1)
                .hasSize(VECTORS_25519);
    }

    @Test
    void anEmbeddedVectorMatchesAndTheCommandExitsZero(@TempDir Path dir) throws Exception {
        String json = nnVector(false);
        assertThat(NoiseVectorCheck.checkJson(json).allMatched()).isTrue();
        Output out = run(dir, json);
        assertThat(out.status).isZero();
        assertThat(out.text).endsWith("1 of 1 matched\n");
    }

    @Test
    void aChangedByteIsReportedWithProtocolAndMessageIndex(@TempDir Path dir) throws Exception {
        Output out = run(dir, nnVector(true));
        assertThat(out.status).isEqualTo(1);
        assertThat(out.text).contains("Noise_NN_25519_ChaChaPoly_SHA256 (#0): message 1: ciphertext expected")
                .endsWith("0 of 1 matched\n");
    }

    @Test
    void unsupportedProtocolsAreCountedByReasonAndNoSupportedVectorMeansFailure(@TempDir Path dir) throws Exception {
        Output out = run(dir, nnVector(false).replace("_25519_", "_448_"));
        assertThat(out.text).contains("unsupported: 1 vectors: unsupported DH function '448'")
                .endsWith("0 of 0 matched\n");
        assertThat(out.status).isEqualTo(1);
    }

    @Test
    void badJsonAndMissingFieldsGiveOneClearLine(@TempDir Path dir) throws Exception {
        Output broken = run(dir, "{\"vectors\": [");
        assertThat(broken.status).isEqualTo(1);
        assertThat(broken.text).startsWith("error: ").contains("not valid JSON at line");
        Output missing = run(dir, "{\"vectors\": [{\"protocol_name\": \"Noise_NN_25519_AESGCM_SHA256\"}]}");
        assertThat(missing.text).isEqualTo("error: " + dir.resolve("v.json") + ": vector #0: field 'init_prologue' missing\n");
        assertThatThrownBy(() -> NoiseVectorCheck.checkJson("[]"))
                .isInstanceOf(VectorFormatException.class).hasMessageContaining("\"vectors\"");
        assertThat(NoiseVectorCheck.run(dir.resolve("absent.json"), new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(1);
    }

    private static String nnVector(boolean corrupt) {
        String second = "95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f144808843"
                + "a0ff96bdf86b579ef7dbf94e812a7470b903c20a85a87e3a1fe863264ae547";
        return NN_VECTOR.formatted("9223fec1b892ec9d0dc2fb3bbeb261f170d1ea679f9c44ccf34aa131b4f5d97e",
                corrupt ? "00" + second.substring(2) : second,
                "eb1a3e3d80c1792b1bb9cb0e1382f8d8322bfb1ca7c4c8517bb686");
    }

    private record Output(int status, String text) {}

    private static Output run(Path dir, String json) throws IOException {
        Path file = dir.resolve("v.json");
        Files.writeString(file, json);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = NoiseVectorCheck.run(file, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Output(status, bytes.toString(StandardCharsets.UTF_8));
    }
}
