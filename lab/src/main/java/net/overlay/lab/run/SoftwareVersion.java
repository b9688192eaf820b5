package net.overlay.lab.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The software a run was made with, for {@code scenario.json} and the report: the jar's version and,
 * when the launcher's repository is a git checkout, its commit (with {@code -dirty} when files were
 * changed), so a curated result can be tied to the code that made it.
 */
final class SoftwareVersion {
    private static final String DESCRIBED = compute();

    private SoftwareVersion() {}

    static String describe() {
        return DESCRIBED;
    }

    private static String compute() {
        String v = SoftwareVersion.class.getPackage().getImplementationVersion();
        String version = v == null ? "development" : v;
        String home = System.getProperty("overlay.home");
        if (home == null || !Files.isDirectory(Path.of(home))) {
            return version;
        }
        String commit = git(home, "rev-parse", "--short=12", "HEAD");
        if (commit == null || commit.isEmpty()) {
            return version;
        }
        // Lab outputs under results/ are not code: rewriting them does not make the software dirty.
        String status = git(home, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!results");
        return version + " (git " + commit + (status == null || status.isEmpty() ? "" : "-dirty") + ")";
    }

    /** Output of a quick git command, or null when git is missing or fails. */
    private static String git(String dir, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir;
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            // Read first: a full pipe would stall git before it exits.
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
