package net.overlay.core.node;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static net.overlay.core.node.LinuxSocketCalls.SOL_UDP;
import static net.overlay.core.node.LinuxSocketCalls.UDP_GRO;
import static net.overlay.core.node.LinuxSocketCalls.UDP_SEGMENT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The {@code struct msghdr} of one direction of a {@link LinuxUdpSocket}, laid out for the Linux
 * LP64 ABI (x86_64, aarch64), with one {@code iovec} and a control buffer: on the send side one
 * {@code UDP_SEGMENT} message (the segment size of a GSO send, udp(7)), on the receive side room
 * for the {@code UDP_GRO} message the kernel adds to a coalesced read.
 *
 * <pre>
 * struct msghdr  {  0 void *msg_name;  8 socklen_t msg_namelen;  16 struct iovec *msg_iov;
 *                  24 size_t msg_iovlen;  32 void *msg_control;  40 size_t msg_controllen;
 *                  48 int msg_flags; }                                           56 bytes
 * struct iovec   {  0 void *iov_base;  8 size_t iov_len; }                       16 bytes
 * struct cmsghdr {  0 size_t cmsg_len;  8 int cmsg_level;  12 int cmsg_type;  16 data }
 * </pre>
 *
 * <p>Threading: one instance per direction, used under that direction's lock.
 */
final class MsgHeaders {
    private static final int MSGHDR_BYTES = 56;
    private static final int IOVEC_BYTES = 16;
    private static final int CMSG_HEADER_BYTES = 16;
    /** CMSG_SPACE(4): a header and an int (or a u16) padded to 8 bytes. */
    private static final int CMSG_SPACE_INT = 24;
    private static final int RECEIVE_CONTROL_BYTES = 64;

    final MemorySegment msghdr;
    private final MemorySegment iov;
    private final MemorySegment control;

    private MsgHeaders(Arena arena, MemorySegment name, MemorySegment buffer, int controlBytes) {
        msghdr = arena.allocate(MSGHDR_BYTES, 8);
        iov = arena.allocate(IOVEC_BYTES, 8);
        control = arena.allocate(controlBytes, 8);
        msghdr.set(ADDRESS, 0, name);
        msghdr.set(ADDRESS, 16, iov);
        msghdr.set(JAVA_LONG, 24, 1);
        msghdr.set(ADDRESS, 32, control);
        iov.set(ADDRESS, 0, buffer);
    }

    /** Headers for sends from {@code buffer} to the address in {@code name}, with a segment-size message. */
    static MsgHeaders forSend(Arena arena, MemorySegment name, MemorySegment buffer) {
        MsgHeaders h = new MsgHeaders(arena, name, buffer, CMSG_SPACE_INT);
        h.control.set(JAVA_LONG, 0, CMSG_HEADER_BYTES + 2); // CMSG_LEN(sizeof(uint16_t))
        h.control.set(JAVA_INT, 8, SOL_UDP);
        h.control.set(JAVA_INT, 12, UDP_SEGMENT);
        return h;
    }

    /** Headers for receives into {@code buffer}, the sender's address into {@code name}. */
    static MsgHeaders forReceive(Arena arena, MemorySegment name, MemorySegment buffer) {
        return new MsgHeaders(arena, name, buffer, RECEIVE_CONTROL_BYTES);
    }

    /**
     * Prepares a send of {@code lenBytes} to the name set before: with {@code segmentBytes} > 0 and
     * shorter than {@code lenBytes}, the kernel cuts it into datagrams of that size (the last may
     * be shorter); otherwise it is one datagram and no control message is passed.
     */
    void prepareSend(int nameBytes, long lenBytes, int segmentBytes) {
        msghdr.set(JAVA_INT, 8, nameBytes);
        iov.set(JAVA_LONG, 8, lenBytes);
        boolean segmented = segmentBytes > 0 && segmentBytes < lenBytes;
        if (segmented) {
            control.set(JAVA_SHORT, CMSG_HEADER_BYTES, (short) segmentBytes);
        }
        msghdr.set(JAVA_LONG, 40, segmented ? CMSG_SPACE_INT : 0);
        msghdr.set(JAVA_INT, 48, 0);
    }

    /** Resets the lengths the kernel overwrites before a receive of at most {@code capBytes}. */
    void prepareReceive(int nameBytes, long capBytes) {
        msghdr.set(JAVA_INT, 8, nameBytes);
        iov.set(JAVA_LONG, 8, capBytes);
        msghdr.set(JAVA_LONG, 40, RECEIVE_CONTROL_BYTES);
        msghdr.set(JAVA_INT, 48, 0);
    }

    /** The {@code msg_flags} the kernel returned (e.g. {@code MSG_TRUNC}). */
    int flags() {
        return msghdr.get(JAVA_INT, 48);
    }

    /**
     * The segment size of a coalesced read ({@code UDP_GRO} control message), or 0 when the read is
     * one datagram. Walks the control messages as {@code CMSG_NXTHDR} does, within the length the
     * kernel reported.
     */
    int receivedSegmentBytes() {
        long total = Math.min(msghdr.get(JAVA_LONG, 40), RECEIVE_CONTROL_BYTES);
        long off = 0;
        while (off + CMSG_HEADER_BYTES <= total) {
            long len = control.get(JAVA_LONG, off);
            if (len < CMSG_HEADER_BYTES || off + len > total) {
                return 0;
            }
            if (control.get(JAVA_INT, off + 8) == SOL_UDP && control.get(JAVA_INT, off + 12) == UDP_GRO
                    && len >= CMSG_HEADER_BYTES + 4) {
                return control.get(JAVA_INT, off + CMSG_HEADER_BYTES);
            }
            off += (len + 7) & ~7L;
        }
        return 0;
    }
}
