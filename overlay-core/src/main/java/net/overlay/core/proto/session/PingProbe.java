package net.overlay.core.proto.session;

import java.util.ArrayDeque;
import java.util.Objects;
import net.overlay.core.proto.wire.BigEndian;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCodec;
import net.overlay.core.proto.wire.FrameCursor;
import net.overlay.core.proto.wire.WireException;

/**
 * Application-level round trips inside a session, as Datagram frames (0x31): the pinger sends one
 * ping every interval, the echoer sends each one back at once, and the pinger reports every echo to
 * its {@link Listener}. A ping carries a sequence number, the time its packet was written, and
 * whether each end's session sent it on a direct path, so a listener can tell a relayed round trip
 * from a direct one and from one taken while the ends migrated one after the other. Pings are not
 * retransmitted: a lost one is simply missing. This is what the lab and the simulator measure a
 * connection's RTT with; it is the session's {@link SessionPayload}, so it runs on the session's
 * thread with the parent's clock and is never re-entered.
 */
public final class PingProbe implements SessionPayload {
    /** seq (8), sent at ns (8), pinger's path direct (1), echoer's path direct (1). */
    static final int PING_BYTES = 18;
    private static final int SENT_AT = 8;
    private static final int PINGER_DIRECT = 16;
    private static final int ECHOER_DIRECT = 17;

    /** Hears the pinger's echoes. */
    @FunctionalInterface
    public interface Listener {
        /**
         * The echo of the ping written at {@code sentAtNs} arrived at {@code arrivedAtNs}; each flag
         * says whether that end's session sent it on a direct path (false: over the relay).
         */
        void onEcho(long sentAtNs, long arrivedAtNs, boolean pingerDirect, boolean echoerDirect);
    }

    private final Session session;
    private final long intervalNs;
    private final Listener listener;
    /** Echoer: pings waiting to go back (made on the first). */
    private ArrayDeque<byte[]> echoes;
    private boolean pingDue;
    private long nextPingNs;
    private long pingsSent;
    private long echoesReceived;

    private PingProbe(Session session, long intervalNs, Listener listener) {
        this.session = Objects.requireNonNull(session, "session");
        this.intervalNs = intervalNs;
        this.listener = listener;
        this.nextPingNs = listener != null ? 0 : Long.MAX_VALUE;
    }

    /**
     * The pinging end (the client, usually): a ping every {@code intervalNs}, the first as soon as
     * the session can send; each echo goes to {@code listener}.
     */
    public static PingProbe pinger(Session session, long intervalNs, Listener listener) {
        if (intervalNs <= 0) {
            throw new IllegalArgumentException("ping interval must be positive: " + intervalNs);
        }
        return new PingProbe(session, intervalNs, Objects.requireNonNull(listener, "listener"));
    }

    /** The echoing end (the device): sends every ping back. */
    public static PingProbe echoer(Session session) {
        return new PingProbe(session, 0, null);
    }

    /** Pings written into packets so far (pinger), or echoes sent (echoer). */
    public long pingsSent() {
        return pingsSent;
    }

    /** Echoes heard (pinger), or pings heard (echoer). */
    public long echoesReceived() {
        return echoesReceived;
    }

    private boolean onDirectPath() {
        Path active = session.activePath();
        return active != null && active.isDirect();
    }

    @Override
    public int writePacket(long nowNs, long packetNumber, byte[] buf, int off, int maxLen) {
        int pos = off;
        int end = off + maxLen;
        if (pingDue) {
            byte[] ping = new byte[PING_BYTES];
            BigEndian.putLong(ping, 0, pingsSent);
            BigEndian.putLong(ping, SENT_AT, nowNs);
            ping[PINGER_DIRECT] = (byte) (onDirectPath() ? 1 : 0);
            Frame.Datagram f = new Frame.Datagram(Bytes.wrapOwned(ping), true);
            if (FrameCodec.encodedLength(f) > end - pos) {
                return 0;
            }
            pos = FrameCodec.encode(f, buf, pos);
            pingDue = false;
            pingsSent++;
            // The next one an interval after this one left (a ping held back, no keys yet or no
            // room, does not make the next one early).
            nextPingNs = nowNs + intervalNs;
        }
        while (echoes != null && !echoes.isEmpty()) {
            byte[] ping = echoes.peek();
            ping[ECHOER_DIRECT] = (byte) (onDirectPath() ? 1 : 0);
            Frame.Datagram f = new Frame.Datagram(Bytes.wrapOwned(ping), true);
            if (FrameCodec.encodedLength(f) > end - pos) {
                break;
            }
            echoes.poll();
            pos = FrameCodec.encode(f, buf, pos);
            pingsSent++;
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
            // The session authenticated this packet; a frame we cannot read is the peer's bug, not a ping.
        }
    }

    private void onPing(long nowNs, byte[] ping) {
        echoesReceived++;
        if (listener == null) {
            if (echoes == null) {
                echoes = new ArrayDeque<>(2);
            }
            echoes.add(ping);
            return;
        }
        long sentAtNs = BigEndian.getLong(ping, SENT_AT);
        // A peer that echoes a time we never sent (or not at all) gets no sample.
        if (sentAtNs > nowNs || BigEndian.getLong(ping, 0) >= pingsSent) {
            return;
        }
        listener.onEcho(sentAtNs, nowNs, ping[PINGER_DIRECT] == 1, ping[ECHOER_DIRECT] == 1);
    }

    @Override
    public void onPacketSentWithoutPayload(long nowNs, long packetNumber, int sizeBytes) {
    }

    @Override
    public void onPathChange(long nowNs, boolean newPath) {
    }

    @Override
    public long pollTimeoutNs() {
        return pingDue ? Long.MAX_VALUE : nextPingNs;
    }

    @Override
    public void handleTimeout(long nowNs) {
        if (listener != null && nowNs >= nextPingNs) {
            pingDue = true;
        }
    }
}
