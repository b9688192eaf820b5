package net.overlay.lab.fuzz;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.transport.Transport;
import net.overlay.core.proto.transport.TransportConfig;
import net.overlay.core.proto.transport.TransportEvent;
import net.overlay.core.proto.transport.TransportException;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCodec;
import net.overlay.core.proto.wire.WireException;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.CongestionControls;

/**
 * The stream transport (docs/transport.md) of a device facing a hostile but authenticated peer:
 * each {@link Script} step is one opened packet's plaintext (control bits 0-1: the packet number
 * goes forward by 1, repeats, jumps ahead or falls back; bit 2: read what the streams hold; bit 3:
 * run the timers; bits 4-7: the clock advance as a power of two in ms). After each packet the
 * transport writes what it wants to send.
 *
 * <p>Properties: only {@link WireException} (packet dropped) and {@link TransportException}
 * (session closed) come out; and the peer cannot make us hold more received bytes than the flow
 * control windows we advertised (RFC 9000 4.1), per stream and in all.
 */
public final class TransportTarget {
    private static final int STREAM_WINDOW = 4096;
    private static final long CONNECTION_WINDOW = 16_384;
    private static final TransportConfig CONFIG = TransportConfig.DEFAULTS.withWindows(STREAM_WINDOW, CONNECTION_WINDOW)
            .withMaxStreams(8);
    private static final CongestionControlFactory CUBIC = CongestionControls.find("cubic",
            TransportTarget.class.getClassLoader());
    private static final long MS = 1_000_000L;

    private TransportTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        CongestionConfig cc = CongestionConfig.defaults(CONFIG.maxDatagramBytes(), 1);
        Transport t = Transport.insideSession(CONFIG, CUBIC.create(cc), CUBIC.createReceiverHook(cc), false);
        List<Long> streams = new ArrayList<>();
        byte[] out = new byte[CONFIG.maxDatagramBytes()];
        byte[] sink = new byte[8192];
        Script script = new Script(data);
        long nowNs = 0;
        long pn = 0;
        for (Script.Step s = script.next(); s != null; s = script.next()) {
            int c = s.control();
            nowNs += (1L << (c >>> 4)) * MS;
            pn = switch (c & 3) {
                case 0 -> pn + 1;
                case 1 -> pn;
                case 2 -> pn + 1000;
                default -> Math.max(0, pn - 3);
            };
            byte[] d = s.datagram();
            try {
                t.handlePacket(nowNs, pn, d, 0, d.length);
            } catch (WireException dropped) {
                continue;
            } catch (TransportException closes) {
                return;
            }
            collectStreams(t, streams);
            checkWindows(t, streams);
            if ((c & 4) != 0) {
                for (long id : streams) {
                    while (t.read(id, sink, 0, sink.length) > 0) {
                        // drained
                    }
                }
            }
            if ((c & 8) != 0 && t.pollTimeoutNs() <= nowNs) {
                t.handleTimeout(nowNs);
            }
            while (t.pollPacket(nowNs, t.nextPacketNumber(), out, 0, out.length) > 0) {
                // what we would send: ACKs, window updates
            }
            collectStreams(t, streams);
        }
    }

    private static void collectStreams(Transport t, List<Long> streams) {
        for (TransportEvent e = t.pollEvent(); e != null; e = t.pollEvent()) {
            if (e instanceof TransportEvent.StreamOpened o && !streams.contains(o.streamId())) {
                streams.add(o.streamId());
            }
        }
    }

    private static void checkWindows(Transport t, List<Long> streams) {
        long total = 0;
        for (long id : streams) {
            long held = t.receiveBufferedBytes(id);
            InvariantViolation.check(held <= STREAM_WINDOW, "stream " + id + " holds " + held
                    + " received bytes, beyond its " + STREAM_WINDOW + "-byte window");
            total += held;
        }
        InvariantViolation.check(total <= CONNECTION_WINDOW, "streams hold " + total
                + " received bytes, beyond the connection's " + CONNECTION_WINDOW + "-byte window");
    }

    static List<byte[]> seeds() {
        byte[] buf = new byte[1200];
        int n = FrameCodec.encode(new Frame.Stream(0, 0, Bytes.of(new byte[100]), false, true), buf, 0);
        byte[] first = java.util.Arrays.copyOf(buf, n);
        n = FrameCodec.encode(new Frame.Stream(0, 100, Bytes.of(new byte[50]), true, true), buf, 0);
        byte[] second = java.util.Arrays.copyOf(buf, n);
        n = FrameCodec.encode(new Frame.ResetStream(2, 0, 10), buf, 0);
        byte[] reset = java.util.Arrays.copyOf(buf, n);
        return List.of(Script.of(0, first, 4, second), Script.of(0, first, 0, reset, 0x48, first));
    }
}
