package net.overlay.lab.testbed;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens many UDP flows through a NAT at once, for {@link KernelNatPortsTest}: run with
 * {@code ip netns exec NS java -cp TEST_CLASSES ...UdpFlows MODE N DST_IP DST_PORT [SRC_PORT]}.
 * {@code sockets}: N sockets on ephemeral ports, each sends one datagram to DST_IP:DST_PORT (the
 * hard side of a birthday punch); {@code ports}: one socket on SRC_PORT sends to DST_PORT,
 * DST_PORT+1, ... (N destinations). All sockets stay open until every datagram left. Exits 1 with
 * the error on stderr when a send fails.
 */
final class UdpFlows {
    private UdpFlows() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        byte[] payload = "overlay testbed flow".getBytes(StandardCharsets.UTF_8);
        List<DatagramSocket> open = new ArrayList<>();
        try {
            InetAddress dst = InetAddress.getByName(args[2]);
            int dstPort = Integer.parseInt(args[3]);
            if (mode.equals("sockets")) {
                for (int i = 0; i < n; i++) {
                    DatagramSocket s = new DatagramSocket(new InetSocketAddress(0));
                    open.add(s);
                    s.send(new DatagramPacket(payload, payload.length, dst, dstPort));
                }
            } else {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(Integer.parseInt(args[4])));
                open.add(s);
                for (int i = 0; i < n; i++) {
                    s.send(new DatagramPacket(payload, payload.length, dst, dstPort + i));
                }
            }
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } finally {
            open.forEach(DatagramSocket::close);
        }
    }
}
