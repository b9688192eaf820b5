package net.overlay.core.node.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.overlay.core.proto.identity.Identity;

/**
 * A directory holding one node's identity:
 * <pre>
 * signing.key   Ed25519 private key (seed)   0600
 * signing.pub   Ed25519 public key (peer id) 0644
 * static.key    X25519 private key           0600
 * static.pub    X25519 public key            0644
 * </pre>
 * The format of each file is {@link KeyFile}'s. A new directory is created 0700. Loading checks
 * that each {@code .pub} file, when present, matches its private key, which catches a private key
 * file corrupted into another valid-looking key.
 *
 * <p>Callers: {@code ./overlay keys generate}, node start-up. Stateless and thread-safe.
 */
public final class KeyDirectory {
    public static final String SIGNING_KEY = "signing.key";
    public static final String SIGNING_PUB = "signing.pub";
    public static final String STATIC_KEY = "static.key";
    public static final String STATIC_PUB = "static.pub";

    private KeyDirectory() {}

    /** The key files of {@code dir} that already exist, in the order they are written. */
    public static List<Path> existingFiles(Path dir) {
        List<Path> found = new ArrayList<>();
        for (String name : List.of(SIGNING_KEY, SIGNING_PUB, STATIC_KEY, STATIC_PUB)) {
            if (Files.exists(dir.resolve(name))) {
                found.add(dir.resolve(name));
            }
        }
        return found;
    }

    /**
     * Writes {@code identity} to {@code dir}, creating the directory (0700) if needed.
     *
     * @param replace whether existing key files may be replaced; otherwise any existing one is an error
     *     and nothing is written
     * @return the files written
     */
    public static List<Path> write(Path dir, Identity identity, boolean replace) throws IOException {
        if (!replace) {
            List<Path> existing = existingFiles(dir);
            if (!existing.isEmpty()) {
                throw new KeyFileException(existing.getFirst() + ": already exists; refusing to overwrite keys");
            }
        }
        if (!Files.isDirectory(dir)) {
            if (KeyFile.hasPosixPermissions(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        byte[] signing = identity.signingPrivateKey();
        byte[] stat = identity.staticPrivateKey();
        try {
            KeyFile.write(dir.resolve(SIGNING_KEY), KeyType.ED25519_PRIVATE, signing, replace);
            KeyFile.write(dir.resolve(SIGNING_PUB), KeyType.ED25519_PUBLIC, identity.peerId().key().toArray(), replace);
            KeyFile.write(dir.resolve(STATIC_KEY), KeyType.X25519_PRIVATE, stat, replace);
            KeyFile.write(dir.resolve(STATIC_PUB), KeyType.X25519_PUBLIC, identity.staticPublicKey().toArray(), replace);
        } finally {
            Arrays.fill(signing, (byte) 0);
            Arrays.fill(stat, (byte) 0);
        }
        return List.of(dir.resolve(SIGNING_KEY), dir.resolve(SIGNING_PUB), dir.resolve(STATIC_KEY),
                dir.resolve(STATIC_PUB));
    }

    /**
     * Loads the identity in {@code dir}.
     *
     * @throws KeyFileException when a private key file is missing, too open or corrupt, or a public
     *     key file does not match its private key
     */
    public static Identity read(Path dir) throws IOException {
        byte[] signing = KeyFile.read(dir.resolve(SIGNING_KEY), KeyType.ED25519_PRIVATE);
        byte[] stat = KeyFile.read(dir.resolve(STATIC_KEY), KeyType.X25519_PRIVATE);
        Identity identity;
        try {
            identity = Identity.fromPrivateKeys(signing, stat);
        } finally {
            Arrays.fill(signing, (byte) 0);
            Arrays.fill(stat, (byte) 0);
        }
        requireMatch(dir.resolve(SIGNING_PUB), KeyType.ED25519_PUBLIC, identity.peerId().key().toArray(),
                SIGNING_KEY);
        requireMatch(dir.resolve(STATIC_PUB), KeyType.X25519_PUBLIC, identity.staticPublicKey().toArray(),
                STATIC_KEY);
        return identity;
    }

    private static void requireMatch(Path pubFile, KeyType type, byte[] derived, String privateName)
            throws IOException {
        if (!Files.exists(pubFile)) {
            return;
        }
        if (!Arrays.equals(KeyFile.read(pubFile, type), derived)) {
            throw new KeyFileException(pubFile + ": does not match " + privateName
                    + " beside it; one of the two files was changed or corrupted");
        }
    }
}
