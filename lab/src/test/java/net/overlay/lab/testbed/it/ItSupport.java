package net.overlay.lab.testbed.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import net.overlay.lab.testbed.Cmd;
import net.overlay.lab.testbed.TestbedControl;
import net.overlay.lab.testbed.Tools;

/** What the testbed integration tests share: skipping plainly, prefixes, files, curl. */
final class ItSupport {
    private ItSupport() {
    }

    /** Skips (with the reason) unless this runs as root with working namespaces, nftables and {@code tools}. */
    static void assumeTestbed(String... tools) {
        assumeTrue(TestbedControl.isRoot(), "SKIPPED: the namespace testbed needs root");
        Tools.Result netns = Tools.tryRun(Cmd.of("ip", "netns", "list"));
        assumeTrue(netns.ok(), "SKIPPED: 'ip netns' does not work here: " + netns.err().strip());
        assumeTools("nft", "tc");
        assumeTools(tools);
    }

    /** Skips unless every tool is on the PATH (or an absolute path that exists). */
    static void assumeTools(String... tools) {
        for (String t : tools) {
            Tools.Result r = Tools.tryRun(Cmd.of("sh", "-c", "command -v " + t));
            assumeTrue(r.ok(), "SKIPPED: " + t + " is not installed (.ci/run installs it as root)");
        }
    }

    /** A prefix no other run uses: 't' and six hex digits. */
    static String newPrefix() {
        return "t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    }

    /**
     * A text file of about {@code sizeBytes} whose every line holds {@code marker}: whatever part
     * of it a packet carries in clear, the marker is in it.
     */
    static void writeMarkerFile(Path file, String marker, int sizeBytes) throws IOException {
        StringBuilder b = new StringBuilder(sizeBytes + 100);
        for (int line = 0; b.length() < sizeBytes; line++) {
            b.append(marker).append(" line ").append(line).append('\n');
        }
        Files.writeString(file, b, StandardCharsets.US_ASCII);
    }

    /** {@code curl} of {@code http://127.0.0.1:PORT/PATH} inside {@code ns} into {@code out}. */
    static Tools.Result curl(String ns, int port, String path, Path out) {
        return Tools.tryRun(Cmd.in(ns, "curl", "-sS", "--fail", "--max-time", "60", "-o", out.toString(),
                "http://127.0.0.1:" + port + path), Duration.ofSeconds(70));
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
