package net.overlay.lab.testbed;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Sends one UDP datagram from a chosen source port: run by the namespace test with
 * {@code ip netns exec NS java -cp TEST_CLASSES ...UdpSend SRC_PORT DST_IP DST_PORT}, because
 * neither {@code ping} nor a shell can pick the source port that the NAT checks look at.
 * Exits 0 when the datagram left, 1 with the error on stderr when it could not (no route).
 */
final class UdpSend {
    private UdpSend() {
    }

    public static void main(String[] args) {
        int srcPort = Integer.parseInt(args[0]);
        byte[] payload = "overlay testbed probe".getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(srcPort))) {
            // A literal address: InetAddress.getByName does no DNS lookup for it.
            InetAddress dst = InetAddress.getByName(args[1]);
            s.send(new DatagramPacket(payload, payload.length, dst, Integer.parseInt(args[2])));
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
