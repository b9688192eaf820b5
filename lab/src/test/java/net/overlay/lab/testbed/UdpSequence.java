package net.overlay.lab.testbed;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * Numbered UDP datagrams across the testbed, to see reordering: run by {@code DelayLineTest} with
 * {@code ip netns exec NS java -cp TEST_CLASSES ...UdpSequence}.
 *
 * <ul>
 *   <li>{@code recv PORT COUNT} prints {@code listening}, takes datagrams until COUNT arrived or
 *       none came for 3 s (30 s for the first), then prints {@code received N inversions M}: M
 *       datagrams carried a number below one that arrived before them (RFC 4737's reordered).
 *   <li>{@code send DST PORT COUNT INTERVAL_US} sends COUNT datagrams numbered 0.. one every
 *       INTERVAL_US microseconds.
 * </ul>
 */
final class UdpSequence {
    private static final int FIRST_WAIT_MS = 30_000;
    private static final int IDLE_WAIT_MS = 3_000;

    private UdpSequence() {
    }

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "recv" -> receive(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "send" -> send(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4]) * 1_000);
            default -> throw new IllegalArgumentException("recv or send, not " + args[0]);
        }
    }

    private static void receive(int port, int count) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(port))) {
            s.setReceiveBufferSize(1 << 20);
            System.out.println("listening");
            System.out.flush();
            byte[] buf = new byte[64];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            int received = 0;
            int inversions = 0;
            long highest = -1;
            s.setSoTimeout(FIRST_WAIT_MS);
            try {
                while (received < count) {
                    s.receive(p);
                    s.setSoTimeout(IDLE_WAIT_MS);
                    long seq = ByteBuffer.wrap(buf, 0, 8).getLong();
                    received++;
                    if (seq < highest) {
                        inversions++;
                    } else {
                        highest = seq;
                    }
                }
            } catch (SocketTimeoutException e) {
                // Fewer than count arrived: report what did.
            }
            System.out.println("received " + received + " inversions " + inversions);
        }
    }

    private static void send(String dst, int port, int count, long intervalNs) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            InetAddress to = InetAddress.getByName(dst);
            byte[] buf = new byte[16];
            long nextNs = System.nanoTime();
            for (long seq = 0; seq < count; seq++) {
                ByteBuffer.wrap(buf).putLong(seq);
                s.send(new DatagramPacket(buf, buf.length, to, port));
                nextNs += intervalNs;
                long waitNs = nextNs - System.nanoTime();
                if (waitNs > 0) {
                    LockSupport.parkNanos(waitNs);
                }
            }
        }
    }
}
