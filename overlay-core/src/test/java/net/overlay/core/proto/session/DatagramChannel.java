package net.overlay.core.proto.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCodec;
import net.overlay.core.proto.wire.FrameCursor;
import net.overlay.core.proto.wire.WireException;

/**
 * A test {@link SessionPayload}: application datagrams carried as Datagram frames (0x31), no
 * reliability. Records what arrived and when, and checks the session's packet-number contract:
 * every number is handed over exactly once, in increasing order, with no gap.
 */
public final class DatagramChannel implements SessionPayload {

    /** A datagram that arrived. */
    public record Received(long atNs, long packetNumber, Bytes data) {}

    private final ArrayDeque<Bytes> outgoing = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final List<Boolean> pathChanges = new ArrayList<>();
    private long nextExpectedPn;
    private int packetNumberViolations;

    public void send(Bytes data) {
        outgoing.add(data);
    }

    public void send(String text) {
        send(Bytes.of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public List<Received> received() {
        return received;
    }

    public List<String> receivedTexts() {
        return received.stream().map(r -> new String(r.data().toArray(), java.nio.charset.StandardCharsets.UTF_8))
                .toList();
    }

    public List<Boolean> pathChanges() {
        return pathChanges;
    }

    public int packetNumberViolations() {
        return packetNumberViolations;
    }

    public int pending() {
        return outgoing.size();
    }

    private void sawPacketNumber(long pn) {
        if (pn != nextExpectedPn) {
            packetNumberViolations++;
        }
        nextExpectedPn = pn + 1;
    }

    @Override
    public int writePacket(long nowNs, long packetNumber, byte[] buf, int off, int maxLen) {
        int pos = off;
        while (!outgoing.isEmpty()) {
            Frame.Datagram f = new Frame.Datagram(outgoing.peek(), true);
            if (FrameCodec.encodedLength(f) > off + maxLen - pos) {
                break;
            }
            outgoing.poll();
            pos = FrameCodec.encode(f, buf, pos);
        }
        if (pos > off) {
            sawPacketNumber(packetNumber);
        }
        return pos - off;
    }

    @Override
    public void onPacket(long nowNs, long packetNumber, byte[] buf, int off, int len) {
        FrameCursor cursor = new FrameCursor(buf, off, len);
        try {
            while (cursor.hasNext()) {
                if (cursor.next() instanceof Frame.Datagram d) {
                    received.add(new Received(nowNs, packetNumber, d.data()));
                }
            }
        } catch (WireException e) {
            throw new AssertionError("the session handed over an undecodable payload", e);
        }
    }

    @Override
    public void onPacketSentWithoutPayload(long nowNs, long packetNumber, int sizeBytes) {
        sawPacketNumber(packetNumber);
    }

    @Override
    public void onPathChange(long nowNs, boolean newPath) {
        pathChanges.add(newPath);
    }

    @Override
    public long pollTimeoutNs() {
        return Long.MAX_VALUE;
    }

    @Override
    public void handleTimeout(long nowNs) {
    }
}
