package net.overlay.lab.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The other programs {@code ./overlay bench tunnel} compares with: {@code socat} forwarding a
 * loopback port, and {@code ssh -L} through a throwaway {@code sshd} on a loopback port with a
 * temporary host key and authorised key. Each {@link Forwarder} is a running process (with its
 * children) listening on a loopback port and forwarding to a target; closing it ends them all.
 *
 * <p>A missing tool is reported by {@link #find} as empty, so its row says "not installed".
 * Threading: the caller's thread.
 */
final class Forwarders {
    /** Our choice: how long a forwarder may take to start accepting connections. */
    private static final long START_TIMEOUT_NS = 10_000_000_000L;

    private Forwarders() {}

    /** A running forwarder: connections to {@link #listen()} reach the target. */
    interface Forwarder extends AutoCloseable {
        InetSocketAddress listen();

        /** The forwarder's processes (their children come and go with connections). */
        List<ProcessHandle> handles();

        @Override
        void close();
    }

    /** The executable {@code name} on the PATH or in the usual system folders, if any. */
    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin", "/usr/local/sbin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    /** {@code socat TCP-LISTEN:p,fork,reuseaddr TCP:target}: one forked process per connection. */
    static Forwarder socat(Path socat, InetSocketAddress target) throws IOException {
        int port = freePort();
        Process p = new ProcessBuilder(socat.toString(), "TCP-LISTEN:" + port + ",bind=127.0.0.1,fork,reuseaddr",
                "TCP:" + target.getHostString() + ":" + target.getPort())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return started(new ProcessForwarder(new InetSocketAddress("127.0.0.1", port), List.of(p), null), "socat");
    }

    /**
     * A throwaway {@code sshd} on a free loopback port (host key, user key and authorised keys in a
     * new temporary folder), and {@code ssh -N -L} through it with {@code cipher}.
     */
    static Forwarder ssh(Path sshd, Path ssh, Path sshKeygen, String cipher, InetSocketAddress target)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("overlay-bench-ssh");
        List<Process> processes = new ArrayList<>();
        try {
            keygen(sshKeygen, dir.resolve("host_key"));
            keygen(sshKeygen, dir.resolve("user_key"));
            Files.copy(dir.resolve("user_key.pub"), dir.resolve("authorized_keys"));
            int sshdPort = freePort();
            Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "ListenAddress 127.0.0.1:" + sshdPort,
                    "HostKey " + dir.resolve("host_key"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "PidFile none", "UsePAM no", "StrictModes no", "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password",
                    "AllowTcpForwarding yes", "Ciphers " + cipher, "Compression no", ""));
            // sshd refuses to start without its privilege-separation folder (Debian: /run/sshd).
            Files.createDirectories(Path.of("/run/sshd"));
            processes.add(new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start());
            awaitAccepting(new InetSocketAddress("127.0.0.1", sshdPort), processes.getFirst(), "sshd");
            int port = freePort();
            processes.add(new ProcessBuilder(ssh.toString(), "-N", "-T", "-c", cipher, "-o", "Compression=no",
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                    "-o", "ExitOnForwardFailure=yes", "-i", dir.resolve("user_key").toString(), "-p",
                    Integer.toString(sshdPort), "-L", "127.0.0.1:" + port + ":" + target.getHostString() + ":"
                    + target.getPort(), System.getProperty("user.name") + "@127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("ssh.log").toFile()).start());
            return started(new ProcessForwarder(new InetSocketAddress("127.0.0.1", port), processes, dir), "ssh -L");
        } catch (IOException | RuntimeException e) {
            new ProcessForwarder(null, processes, dir).close();
            throw e;
        }
    }

    private static void keygen(Path sshKeygen, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(sshKeygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("ssh-keygen failed for " + file);
        }
    }

    private static Forwarder started(ProcessForwarder f, String what) throws IOException {
        try {
            awaitAccepting(f.listen(), f.processes.getLast(), what);
            return f;
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private static void awaitAccepting(InetSocketAddress at, Process p, String what) throws IOException {
        long deadlineNs = System.nanoTime() + START_TIMEOUT_NS;
        while (!TcpLoad.accepts(at)) {
            if (!p.isAlive()) {
                throw new IOException(what + " exited with status " + p.exitValue() + " before listening on " + at);
            }
            if (System.nanoTime() > deadlineNs) {
                throw new IOException(what + " did not listen on " + at + " within 10 s");
            }
            try {
                p.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while " + what + " was starting", e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Processes (and their forked children) plus an optional temporary folder, all removed at close. */
    private record ProcessForwarder(InetSocketAddress listen, List<Process> processes, Path tempDir)
            implements Forwarder {
        @Override
        public List<ProcessHandle> handles() {
            return processes.stream().map(Process::toHandle).toList();
        }

        @Override
        public void close() {
            for (Process p : processes.reversed()) {
                List<ProcessHandle> children = p.descendants().toList();
                p.destroy();
                children.forEach(ProcessHandle::destroy);
                try {
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.destroyForcibly();
                }
                children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            }
            if (tempDir != null) {
                deleteTree(tempDir);
            }
        }

        private static void deleteTree(Path dir) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // A temporary folder left behind holds only throwaway keys.
            }
        }
    }
}
