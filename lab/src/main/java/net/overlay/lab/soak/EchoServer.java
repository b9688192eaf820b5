package net.overlay.lab.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP echo service for the soak: every byte read is written back, and the end of the input ends
 * the output. Run inside the device's site ({@code ip netns exec PREFIX-site-b java ...
 * EchoServer 127.0.0.1 PORT}); the device agent offers it as a service, so the soak's data crosses
 * the tunnel in both directions. One virtual thread per connection; runs until killed.
 */
public final class EchoServer {
    private static final int BUFFER_BYTES = 64 * 1024;

    private EchoServer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: EchoServer ADDRESS PORT");
            System.exit(2);
        }
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[1]), 64, InetAddress.getByName(args[0]))) {
            System.out.println("echo listening on " + server.getLocalSocketAddress());
            System.out.flush();
            while (true) {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> echo(s));
            }
        }
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[BUFFER_BYTES];
            long total = 0;
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                total += n;
            }
            s.shutdownOutput();
            System.out.println("echo: connection from " + s.getRemoteSocketAddress() + " ended after " + total + " bytes");
        } catch (IOException e) {
            System.out.println("echo: connection failed: " + e);
        }
        System.out.flush();
    }
}
