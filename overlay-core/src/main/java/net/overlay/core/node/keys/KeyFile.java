package net.overlay.core.node.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * One key in one file. The format is two lines of ASCII:
 * <pre>
 * overlay-key-v1 ed25519-private
 * 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60 as base64 (44 characters)
 * </pre>
 * The first line names the format version and the key type ({@link KeyType#tag()}), so a public
 * key can never be loaded as a private one or an X25519 key as an Ed25519 one; the second is the
 * raw key in standard base64 with padding. Line ends may be LF or CRLF.
 *
 * <p>Permissions, on file systems with POSIX permissions: secret files are created 0600 in the
 * same call that creates them (the mode is never widened, not even for a moment), public files
 * 0644; the process umask may narrow both. Reading a secret file that group or others may access
 * is refused, with the {@code chmod 600} that fixes it, as ssh does. On other file systems (FAT,
 * Windows NTFS) files get the directory's default access and the read check is skipped: keep the
 * key directory inside the user's own profile there.
 *
 * <p>Callers: {@link KeyDirectory}. Stateless and thread-safe.
 */
public final class KeyFile {
    /** The first line's first word: format and its version. */
    public static final String MAGIC = "overlay-key-v1";
    /** Larger files are refused unread: a key file is under 100 bytes. */
    static final int MAX_FILE_BYTES = 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private KeyFile() {}

    /**
     * Writes {@code key} of {@code type} to {@code file}.
     *
     * @param replace whether an existing file may be replaced (atomically, by a new file that had
     *     the right mode from creation); otherwise an existing file is an error
     */
    public static void write(Path file, KeyType type, byte[] key, boolean replace) throws IOException {
        if (key.length != type.keyBytes()) {
            throw new IllegalArgumentException(type.tag() + " key must be " + type.keyBytes() + " bytes");
        }
        byte[] text = (MAGIC + " " + type.tag() + "\n" + Base64.getEncoder().encodeToString(key) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            if (!replace) {
                createAndWrite(file, type, text);
                return;
            }
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            createAndWrite(tmp, type, text);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    /**
     * Reads a key of {@code expected} type from {@code file}, refusing a secret file that others
     * can access.
     *
     * @throws KeyFileException naming the file and what is wrong with it
     */
    public static byte[] read(Path file, KeyType expected) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new KeyFileException(file + ": no such key file");
        }
        if (expected.isSecret()) {
            requireOwnerOnly(file);
        }
        long sizeBytes = Files.size(file);
        if (sizeBytes > MAX_FILE_BYTES) {
            throw new KeyFileException(file + ": " + sizeBytes + " bytes is too large for a key file");
        }
        byte[] raw = Files.readAllBytes(file);
        try {
            return parse(file, new String(raw, StandardCharsets.US_ASCII), expected);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Whether {@code file}'s file system has POSIX permissions (and so gets the checks above). */
    public static boolean hasPosixPermissions(Path file) {
        return file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static byte[] parse(Path file, String content, KeyType expected) throws KeyFileException {
        String[] lines = content.strip().split("\r?\n", -1);
        String[] head = lines[0].strip().split(" ");
        if (head.length != 2 || !head[0].equals(MAGIC)) {
            throw new KeyFileException(file + ": not an overlay key file (the first line should be '"
                    + MAGIC + " " + expected.tag() + "')");
        }
        KeyType actual = KeyType.fromTag(head[1]);
        if (actual != expected) {
            throw new KeyFileException(file + ": holds a key of type '" + head[1] + "', expected '"
                    + expected.tag() + "'");
        }
        if (lines.length != 2) {
            throw new KeyFileException(file + ": corrupt: expected 2 lines, found " + lines.length);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(lines[1].strip());
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file + ": corrupt: the key line is not base64");
        }
        if (key.length != expected.keyBytes()) {
            throw new KeyFileException(file + ": corrupt: the key is " + key.length + " bytes, expected "
                    + expected.keyBytes());
        }
        return key;
    }

    private static void createAndWrite(Path file, KeyType type, byte[] text) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attrs = hasPosixPermissions(file)
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(type.isSecret() ? OWNER_ONLY : WORLD_READABLE)}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel ch = Files.newByteChannel(file, options, attrs)) {
            ByteBuffer buf = ByteBuffer.wrap(text);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(file + ": already exists; refusing to overwrite a key", e);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file + ": the directory does not exist", e);
        }
    }

    private static void requireOwnerOnly(Path file) throws IOException {
        if (!hasPosixPermissions(file)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, new LinkOption[0]);
        Set<PosixFilePermission> open = perms.stream()
                .filter(p -> !p.name().startsWith("OWNER_"))
                .collect(java.util.stream.Collectors.toSet());
        if (!open.isEmpty()) {
            throw new KeyFileException("permissions " + octal(perms) + " for '" + file + "' are too open: a"
                    + " private key must be accessible by its owner only. Fix: chmod 600 " + file);
        }
    }

    /** {@code 0644}-style text of a permission set. */
    static String octal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }
}
