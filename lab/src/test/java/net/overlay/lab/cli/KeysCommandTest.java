package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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

    @BeforeEach
    void posixOnly() {
        dir = tmp.resolve("id");
        assumeTrue(KeyFile.hasPosixPermissions(tmp), "the permission checks need a POSIX file system");
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void generatePrintsThePeerIdAndTheFilesWithPrivateKeysOwnerOnly() throws IOException {
        CliRun r = run("keys", "generate", "--out", dir.toString());
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
        CliRun again = run("keys", "generate", "--out", dir.toString());
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("already holds keys").contains("--force");
        assertThat(Files.readString(dir.resolve("signing.key"))).isEqualTo(before);
        CliRun forced = run("keys", "generate", "--out", dir.toString(), "--force");
        assertThat(forced.status()).isZero();
        assertThat(Files.readString(dir.resolve("signing.key"))).isNotEqualTo(before);
    }

    @Test
    void showRefusesAGroupReadablePrivateKeyAndNamesTheFix() throws IOException {
        assertThat(run("keys", "generate", "--out", dir.toString()).status()).isZero();
        Path key = dir.resolve("static.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        CliRun r = run("keys", "show", "--dir", dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("too open").contains("chmod 600 " + key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        CliRun ok = run("keys", "show", "--dir", dir.toString());
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.out()).containsPattern("peer id: +[a-z2-7]{52}");
    }
}
