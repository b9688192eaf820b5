package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.node.keys.KeyFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path tmp;
    private Path dir;

    /** What one command run printed and returned. */
    private record Run(int status, String out, String err) {}

    @BeforeEach
    void posixOnly() {
        dir = tmp.resolve("id");
        assumeTrue(KeyFile.hasPosixPermissions(tmp), "the permission checks need a POSIX file system");
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void generatePrintsThePeerIdAndTheFilesWithPrivateKeysOwnerOnly() throws IOException {
        Run r = run("keys", "generate", "--out", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("peer id: [a-z2-7]{52}")
                .contains(dir.resolve("signing.key").toString(), dir.resolve("static.pub").toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("signing.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("static.key"))))
                .isEqualTo("rw-------");
        String peerId = r.out().lines().findFirst().orElseThrow().substring("peer id: ".length());
        assertThat(KeyDirectory.read(dir).peerId().text()).isEqualTo(peerId);
    }

    @Test
    void generateRefusesToOverwriteWithoutForce() throws IOException {
        assertThat(run("keys", "generate", "--out", dir.toString()).status()).isZero();
        String before = Files.readString(dir.resolve("signing.key"));
        Run again = run("keys", "generate", "--out", dir.toString());
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("already holds keys").contains("--force");
        assertThat(Files.readString(dir.resolve("signing.key"))).isEqualTo(before);
        Run forced = run("keys", "generate", "--out", dir.toString(), "--force");
        assertThat(forced.status()).isZero();
        assertThat(Files.readString(dir.resolve("signing.key"))).isNotEqualTo(before);
    }

    @Test
    void showRefusesAGroupReadablePrivateKeyAndNamesTheFix() throws IOException {
        assertThat(run("keys", "generate", "--out", dir.toString()).status()).isZero();
        Path key = dir.resolve("static.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        Run r = run("keys", "show", "--dir", dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("too open").contains("chmod 600 " + key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Run ok = run("keys", "show", "--dir", dir.toString());
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.out()).containsPattern("peer id: +[a-z2-7]{52}");
    }
}
