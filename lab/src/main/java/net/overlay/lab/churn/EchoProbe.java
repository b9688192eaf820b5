package net.overlay.lab.churn;

import net.overlay.core.proto.wire.BigEndian;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.session.SessionPayload;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCodec;
import net.overlay.core.proto.wire.FrameCursor;
import net.overlay.core.proto.wire.WireException;

/**
 * Pings inside a session as Datagram frames (0x31), so the churn scenario can see when data flows
 * again after an event: the client's end sends one every interval carrying its send time, the
 * device's end echoes each at once, and the pinger keeps each echo's send and arrival times.
 * Attached to a session as its {@link SessionPayload}; runs on the session's thread, never re-entered.
 */
final class EchoProbe implements SessionPayload {
    /** seq (8), sent at ns (8). */
    private static final int PING_BYTES = 16;

    /** One echoed ping: when the pinger sent it and when its echo came back. */
    record Echo(long sentAtNs, long arrivedAtNs) {}

    private final boolean pinger;
    private final long intervalNs;
    private final ArrayDeque<byte[]> outgoing = new ArrayDeque<>();
    private final List<Echo> echoes = new ArrayList<>();
    private long nextPingNs;
    private long seq;

    private EchoProbe(boolean pinger, long intervalNs) {
        this.pinger = pinger;
        this.intervalNs = intervalNs;
        this.nextPingNs = pinger ? 0 : Long.MAX_VALUE;
    }

    /** The client's end: a ping every {@code intervalNs}, the first as soon as the session can send. */
    static EchoProbe pinger(long intervalNs) {
        return new EchoProbe(true, intervalNs);
    }

    /** The device's end: echoes every ping. */
    static EchoProbe echoer() {
        return new EchoProbe(false, 0);
    }

    List<Echo> echoes() {
        return echoes;
    }

    /** Arrival time of the first echo of a ping sent at or after {@code fromNs}; -1 if none came back. */
    long firstEchoOfPingSentFrom(long fromNs) {
        return echoes.stream().filter(e -> e.sentAtNs() >= fromNs).mapToLong(Echo::arrivedAtNs).min().orElse(-1);
    }

    @Override
    public int writePacket(long nowNs, long packetNumber, byte[] buf, int off, int maxLen) {
        int pos = off;
        while (!outgoing.isEmpty()) {
            Frame.Datagram f = new Frame.Datagram(Bytes.of(outgoing.peek()), true);
            if (FrameCodec.encodedLength(f) > off + maxLen - pos) {
                break;
            }
            outgoing.poll();
            pos = FrameCodec.encode(f, buf, pos);
        }
        return pos - off;
    }

    @Override
    public void onPacket(long nowNs, long packetNumber, byte[] buf, int off, int len) {
        FrameCursor cursor = new FrameCursor(buf, off, len);
        try {
            while (cursor.hasNext()) {
                if (cursor.next() instanceof Frame.Datagram d && d.data().length() == PING_BYTES) {
                    byte[] ping = d.data().toArray();
                    if (pinger) {
                        echoes.add(new Echo(BigEndian.getLong(ping, 8), nowNs));
                    } else {
                        outgoing.add(ping);
                    }
                }
            }
        } catch (WireException e) {
            // The session authenticated this packet; a frame we cannot read is the peer's bug, not an echo.
        }
    }

    @Override
    public void onPacketSentWithoutPayload(long nowNs, long packetNumber, int sizeBytes) {
    }

    @Override
    public void onPathChange(long nowNs, boolean newPath) {
    }

    @Override
    public long pollTimeoutNs() {
        return nextPingNs;
    }

    @Override
    public void handleTimeout(long nowNs) {
        if (pinger && nowNs >= nextPingNs) {
            byte[] ping = new byte[PING_BYTES];
            BigEndian.putLong(ping, 0, seq++);
            BigEndian.putLong(ping, 8, nowNs);
            outgoing.add(ping);
            nextPingNs = nowNs + intervalNs;
        }
    }
}
