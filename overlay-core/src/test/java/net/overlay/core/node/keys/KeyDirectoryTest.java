package net.overlay.core.node.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDirectoryTest {
    @TempDir
    Path tmp;
    private Path dir;
    private final Identity identity = Identity.generate(RandomSource.seeded(99));

    @BeforeEach
    void posixOnly() {
        dir = tmp.resolve("keys");
        assumeTrue(KeyFile.hasPosixPermissions(tmp), "the permission checks need a POSIX file system");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void writesPrivateKeysOwnerOnlyPublicKeysReadableAndTheDirectory0700() throws IOException {
        List<Path> written = KeyDirectory.write(dir, identity, false);
        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("signing.key", "signing.pub", "static.key", "static.pub");
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("signing.key"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("static.key"))).isEqualTo("rw-------");
        // The umask may narrow the public files; it never widens the private ones.
        assertThat(mode(dir.resolve("signing.pub"))).startsWith("rw-");
    }

    @Test
    void readsBackTheSameIdentity() throws IOException {
        KeyDirectory.write(dir, identity, false);
        assertThat(KeyDirectory.read(dir)).isEqualTo(identity);
    }

    @Test
    void theFileFormatIsAHeaderLineAndBase64() throws IOException {
        KeyDirectory.write(dir, identity, false);
        List<String> lines = Files.readAllLines(dir.resolve("signing.pub"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("overlay-key-v1 ed25519-public");
        assertThat(java.util.Base64.getDecoder().decode(lines.get(1))).isEqualTo(identity.peerId().key().toArray());
        assertThat(Files.readAllLines(dir.resolve("static.key")).get(0)).isEqualTo("overlay-key-v1 x25519-private");
    }

    @Test
    void refusesToOverwriteExistingKeysUnlessAskedTo() throws IOException {
        KeyDirectory.write(dir, identity, false);
        Identity other = Identity.generate(RandomSource.seeded(100));
        assertThatThrownBy(() -> KeyDirectory.write(dir, other, false)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("signing.key").hasMessageContaining("refusing to overwrite");
        assertThat(KeyDirectory.read(dir)).isEqualTo(identity);
        KeyDirectory.write(dir, other, true);
        assertThat(KeyDirectory.read(dir)).isEqualTo(other);
        assertThat(mode(dir.resolve("signing.key"))).isEqualTo("rw-------");
    }

    @Test
    void replacingAGroupReadableKeyFileLeavesAnOwnerOnlyOne() throws IOException {
        KeyDirectory.write(dir, identity, false);
        Files.setPosixFilePermissions(dir.resolve("static.key"), PosixFilePermissions.fromString("rw-r--r--"));
        KeyDirectory.write(dir, identity, true);
        assertThat(mode(dir.resolve("static.key"))).isEqualTo("rw-------");
        assertThat(Files.list(dir)).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void aPrivateKeyGroupOrOthersCanReadIsRefusedWithTheFix() throws IOException {
        KeyDirectory.write(dir, identity, false);
        Path key = dir.resolve("signing.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> KeyDirectory.read(dir)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("0640").hasMessageContaining(key.toString())
                .hasMessageContaining("chmod 600 " + key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-----w-"));
        assertThatThrownBy(() -> KeyDirectory.read(dir)).hasMessageContaining("0602");
    }

    @Test
    void corruptOrMistypedFilesGiveAClearError() throws IOException {
        KeyDirectory.write(dir, identity, false);
        Path key = dir.resolve("signing.key");
        rewrite(key, "");
        assertThatThrownBy(() -> KeyDirectory.read(dir)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("not an overlay key file");
        rewrite(key, "overlay-key-v1 ed25519-private\nAAAA\n");
        assertThatThrownBy(() -> KeyDirectory.read(dir)).hasMessageContaining("3 bytes, expected 32");
        rewrite(key, "overlay-key-v1 ed25519-private\n!!!!\n");
        assertThatThrownBy(() -> KeyDirectory.read(dir)).hasMessageContaining("not base64");
        rewrite(key, "overlay-key-v1 x25519-private\n" + "A".repeat(43) + "=\n");
        assertThatThrownBy(() -> KeyDirectory.read(dir)).hasMessageContaining("type 'x25519-private'")
                .hasMessageContaining("expected 'ed25519-private'");
        rewrite(key, "overlay-key-v1 ed25519-private\n" + "A".repeat(43) + "=\nextra\n");
        assertThatThrownBy(() -> KeyDirectory.read(dir)).hasMessageContaining("expected 2 lines");
    }

    @Test
    void aPrivateKeyThatNoLongerMatchesItsPublicFileIsRefused() throws IOException {
        KeyDirectory.write(dir, identity, false);
        rewrite(dir.resolve("signing.key"), "overlay-key-v1 ed25519-private\n" + "A".repeat(43) + "=\n");
        assertThatThrownBy(() -> KeyDirectory.read(dir)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("signing.pub").hasMessageContaining("does not match signing.key");
    }

    @Test
    void theDocumentedExampleFileHoldsRfc8032Test1AndYieldsItsPeerId() throws IOException {
        Path key = tmp.resolve("example.key");
        rewrite(key, "overlay-key-v1 ed25519-private\nnWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=\n");
        byte[] seed = KeyFile.read(key, KeyType.ED25519_PRIVATE);
        assertThat(java.util.HexFormat.of().formatHex(seed))
                .isEqualTo("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertThat(Identity.fromPrivateKeys(seed, new byte[32]).peerId().text())
                .isEqualTo("25njqamcweflpvkl73j4szahhihoc4xt3ktcgjnpaingr5yhkena");
    }

    @Test
    void crlfLineEndsAreAccepted() throws IOException {
        KeyDirectory.write(dir, identity, false);
        Path pub = dir.resolve("static.pub");
        String text = Files.readString(pub).replace("\n", "\r\n");
        Files.writeString(pub, text);
        assertThat(KeyDirectory.read(dir)).isEqualTo(identity);
    }

    @Test
    void aMissingKeyFileIsNamed() {
        assertThatThrownBy(() -> KeyDirectory.read(dir)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("signing.key").hasMessageContaining("no such key file");
    }

    @Test
    void anOversizedFileIsRefusedUnread() throws IOException {
        KeyDirectory.write(dir, identity, false);
        rewrite(dir.resolve("signing.key"), "x".repeat(KeyFile.MAX_FILE_BYTES + 1));
        assertThatThrownBy(() -> KeyDirectory.read(dir)).hasMessageContaining("too large");
    }

    /** Replaces a private key file's content, keeping it owner-only. */
    private static void rewrite(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
