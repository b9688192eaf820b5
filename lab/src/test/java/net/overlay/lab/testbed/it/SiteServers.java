package net.overlay.lab.testbed.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import net.overlay.lab.testbed.Cmd;
import net.overlay.lab.testbed.NsProcess;
import net.overlay.lab.testbed.Tools;

/**
 * The device's services for the integration tests, started in the device site's namespace on
 * loopback only (so nothing listens on the site's own address): nginx serving a folder, and sshd
 * with a throwaway host key and one authorized key. Both run in the foreground as
 * {@link NsProcess}es and stop with it.
 */
final class SiteServers {
    static final int HTTP_PORT = 8080;
    static final int SSH_PORT = 2222;
    private static final Duration START = Duration.ofSeconds(20);

    private SiteServers() {
    }

    /** nginx on 127.0.0.1:{@link #HTTP_PORT} serving {@code root}; its work files under {@code work}. */
    static NsProcess nginx(String ns, Path work, Path root) throws IOException {
        Path dir = Files.createDirectories(work.resolve("nginx"));
        String conf = """
                user root;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr warn;
                events { worker_connections 512; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  default_type application/octet-stream;
                  server {
                    listen 127.0.0.1:%2$d;
                    root %3$s;
                  }
                }
                """.formatted(dir, HTTP_PORT, root);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf, StandardCharsets.UTF_8);
        NsProcess p = NsProcess.start("nginx", ns, List.of("nginx", "-p", dir.toString(), "-c", file.toString(),
                "-g", "daemon off;"), dir.resolve("nginx.log"));
        awaitListening(ns, p, HTTP_PORT);
        return p;
    }

    /**
     * sshd on 127.0.0.1:{@link #SSH_PORT} accepting {@code clientKey}.pub for root; the host key is
     * generated here and thrown away with the folder.
     */
    static NsProcess sshd(String ns, Path work, Path clientKey) throws IOException {
        Path dir = Files.createDirectories(work.resolve("sshd"));
        Path hostKey = dir.resolve("host_ed25519");
        keygen(hostKey);
        Files.copy(clientKey.resolveSibling(clientKey.getFileName() + ".pub"), dir.resolve("authorized_keys"));
        // sshd refuses to start without its privilege separation folder.
        Files.createDirectories(Path.of("/run/sshd"));
        String conf = """
                Port %2$d
                ListenAddress 127.0.0.1
                HostKey %3$s
                PidFile %1$s/sshd.pid
                AuthorizedKeysFile %1$s/authorized_keys
                PermitRootLogin prohibit-password
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                StrictModes no
                """.formatted(dir, SSH_PORT, hostKey);
        Path file = dir.resolve("sshd_config");
        Files.writeString(file, conf, StandardCharsets.UTF_8);
        NsProcess p = NsProcess.start("sshd", ns, List.of("/usr/sbin/sshd", "-D", "-e", "-f", file.toString()),
                dir.resolve("sshd.log"));
        awaitListening(ns, p, SSH_PORT);
        return p;
    }

    /** A fresh ed25519 key pair without passphrase at {@code path} and {@code path.pub}. */
    static void keygen(Path path) {
        Tools.run(Cmd.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path.toString()));
    }

    /** Bounded wait until something listens on 127.0.0.1:port in {@code ns} ({@code ss}). */
    private static void awaitListening(String ns, NsProcess p, int port) {
        long deadlineNs = System.nanoTime() + START.toNanos();
        Pattern listening = Pattern.compile("127\\.0\\.0\\.1:" + port + "\\b");
        while (System.nanoTime() < deadlineNs) {
            String ss = Tools.tryRun(Cmd.in(ns, "ss", "-Htln")).out();
            if (listening.matcher(ss).find()) {
                return;
            }
            if (!p.isAlive()) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException(p + " is not listening on 127.0.0.1:" + port + "; its output:\n" + p.output());
    }
}
