package net.overlay.core.node;

import java.net.InetSocketAddress;
import net.overlay.core.proto.host.Transmit;

/**
 * Consecutive transmits of one drain that can leave in one system call: same socket, destination
 * and TTL, all of one size but the last, which may be shorter (the shape UDP GSO sends, udp(7)).
 * A transfer's full-size packets to its peer batch this way; a smaller one (an ACK) ends a batch.
 * Order is kept: only neighbours batch.
 *
 * <p>Threading: the driver's actor only.
 */
final class SendBatch {
    /**
     * From the kernel: at most 64 segments per GSO send ({@code UDP_MAX_SEGMENTS} before Linux 6.x
     * raised it to 128), and the whole batch within one IPv4 datagram's payload.
     */
    static final int MAX_SEGMENTS = 64;

    private final byte[] buf = new byte[UdpSocket.MAX_DATAGRAM_BYTES];
    private int socket;
    private InetSocketAddress to;
    private int ttl;
    private int segmentBytes;
    private int count;
    private int lenBytes;
    private boolean endedShort;

    /** Copies {@code t} into the batch if it fits the batch's shape and room; false when the batch must go first. */
    boolean tryAdd(Transmit t) {
        int n = t.payload().length();
        if (count == 0) {
            socket = t.socket();
            to = t.to();
            ttl = t.ttl();
            segmentBytes = n;
        } else if (endedShort || segmentBytes == 0 || n > segmentBytes || count == MAX_SEGMENTS || lenBytes + n > buf.length
                || t.socket() != socket || t.ttl() != ttl || !(t.to() == to || t.to().equals(to))) {
            return false;
        }
        endedShort = n < segmentBytes;
        t.payload().copyTo(buf, lenBytes);
        lenBytes += n;
        count++;
        return true;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The local socket the batch leaves from. */
    int socket() {
        return socket;
    }

    /** Datagrams in the batch. */
    int count() {
        return count;
    }

    /** Sends the batch on {@code s} and empties it; returns the datagrams the socket accepted. */
    int sendOn(UdpSocket s) {
        int sent;
        if (count == 1) {
            sent = s.send(to, buf, 0, lenBytes, ttl) ? 1 : 0;
        } else {
            sent = s.sendSegments(to, buf, 0, lenBytes, segmentBytes, ttl);
        }
        clear();
        return sent;
    }

    /** Forgets the batch unsent. */
    void clear() {
        count = 0;
        lenBytes = 0;
        endedShort = false;
        to = null;
    }
}
