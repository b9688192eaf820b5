package net.overlay.lab.directrelay;

import net.overlay.core.proto.wire.BigEndian;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.session.Session;
import net.overlay.core.proto.session.SessionPayload;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCodec;
import net.overlay.core.proto.wire.FrameCursor;
import net.overlay.core.proto.wire.WireException;

/**
 * Application-level pings inside a session, as Datagram frames (0x31): the client's probe sends one
 * every interval, the device's echoes each at once. A ping carries its send time and whether each
 * end's session sent it on a direct path; the pinger keeps only round trips whose two legs took the
 * same kind of path (both relayed or both direct), so a sample taken while the two ends migrate
 * one after the other is left out. Attached to a session as its {@link SessionPayload}; runs on the
 * session's thread, never re-entered.
 */
final class RttProbe implements SessionPayload {
    /** seq (8), sent at ns (8), pinger's path direct (1), echoer's path direct (1). */
    private static final int PING_BYTES = 18;
    private static final int PINGER_DIRECT = 16;
    private static final int ECHOER_DIRECT = 17;

    /** One round trip whose two legs took the same kind of path. */
    record Sample(long sentAtNs, long rttNs, boolean direct) {}

    private final Session session;
    private final boolean pinger;
    private final long intervalNs;
    private final ArrayDeque<byte[]> outgoing = new ArrayDeque<>();
    private final List<Sample> samples = new ArrayList<>();
    private long nextPingNs;
    private long seq;
    private long mixed;

    private RttProbe(Session session, boolean pinger, long intervalNs) {
        this.session = session;
        this.pinger = pinger;
        this.intervalNs = intervalNs;
        this.nextPingNs = pinger ? 0 : Long.MAX_VALUE;
    }

    /** The client's end: a ping every {@code intervalNs}, the first as soon as the session can send. */
    static RttProbe pinger(Session session, long intervalNs) {
        return new RttProbe(session, true, intervalNs);
    }

    /** The device's end: echoes every ping. */
    static RttProbe echoer(Session session) {
        return new RttProbe(session, false, 0);
    }

    List<Sample> samples() {
        return samples;
    }

    /** Round trips left out because one leg was relayed and the other direct. */
    long mixed() {
        return mixed;
    }

    @Override
    public int writePacket(long nowNs, long packetNumber, byte[] buf, int off, int maxLen) {
        int pos = off;
        while (!outgoing.isEmpty()) {
            byte[] ping = outgoing.peek();
            boolean direct = session.activePath() != null && session.activePath().isDirect();
            if (pinger) {
                BigEndian.putLong(ping, 8, nowNs);
            }
            ping[pinger ? PINGER_DIRECT : ECHOER_DIRECT] = (byte) (direct ? 1 : 0);
            Frame.Datagram f = new Frame.Datagram(Bytes.of(ping), true);
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
                    onPing(nowNs, d.data().toArray());
                }
            }
        } catch (WireException e) {
            // The session authenticated this packet; a frame we cannot read is the peer's bug, not a sample.
        }
    }

    private void onPing(long nowNs, byte[] ping) {
        if (!pinger) {
            outgoing.add(ping);
            return;
        }
        if (ping[PINGER_DIRECT] != ping[ECHOER_DIRECT]) {
            mixed++;
            return;
        }
        long sentAtNs = BigEndian.getLong(ping, 8);
        samples.add(new Sample(sentAtNs, nowNs - sentAtNs, ping[PINGER_DIRECT] == 1));
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
            outgoing.add(ping);
            nextPingNs = nowNs + intervalNs;
        }
    }
}
