package net.overlay.core.proto.session;

import java.util.ArrayDeque;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCodec;

/**
 * The sending half of a {@link Session}: queues the session's own frames (PathResponses for the
 * paths their challenges came on, Control frames, a due Ping) and fills packets on the active
 * path with them and the payload's frames; sends single-frame packets of the session's own (probes,
 * responses, primes, Close) on any path. Every packet number goes either to the payload's
 * {@link SessionPayload#writePacket} or to its {@link SessionPayload#onPacketSentWithoutPayload}.
 * Not thread-safe.
 */
final class SessionTransmitter {
    static final int MAX_PENDING_RESPONSES = 8;
    static final int MAX_PENDING_CONTROLS = 64;
    /** Packets one flush may send before it yields to the host (it resumes on the next input). */
    private static final int MAX_PACKETS_PER_FLUSH = 256;

    /** What the transmitter asks of its session. */
    interface Owner {
        /** The attached payload, or null. */
        SessionPayload payload();

        /** The sealer refused: the key's packet numbers are used up. */
        void keyExhausted(String message);

        boolean isClosed();
    }

    private record PendingResponse(Path path, long data) {}

    private final PathManager paths;
    private final Owner owner;
    /** Made on first use, as the control queue: an idle session holds neither (docs/node.md). */
    private ArrayDeque<PendingResponse> pendingResponses;
    private ArrayDeque<Frame.Control> pendingControls;
    private final SessionHost host;
    private final int maxDatagramBytes;
    /** The sending direction, once keyed. */
    private PacketSealer sealer;
    private boolean pingDue;

    SessionTransmitter(PathManager paths, Owner owner, SessionHost host, int maxDatagramBytes) {
        this.paths = paths;
        this.owner = owner;
        this.host = host;
        this.maxDatagramBytes = maxDatagramBytes;
    }

    /** Keys are ready: from now on packets can be sealed. */
    void start(PacketSealer packetSealer) {
        this.sealer = packetSealer;
    }

    boolean hasKeys() {
        return sealer != null;
    }

    long nextPacketNumber() {
        return sealer == null ? 0 : sealer.nextPacketNumber();
    }

    /** Answers a PathChallenge on the path it came from, at the next flush (a few at most). */
    void queueResponse(Path path, long data) {
        if (pendingResponses == null) {
            pendingResponses = new ArrayDeque<>(MAX_PENDING_RESPONSES);
        }
        if (pendingResponses.size() < MAX_PENDING_RESPONSES) {
            pendingResponses.add(new PendingResponse(path, data));
        }
    }

    /** Queues a Control frame for the next packet on the active path. */
    void queueControl(Frame.Control frame) {
        if (pendingControls == null) {
            pendingControls = new ArrayDeque<>(4);
        }
        if (pendingControls.size() >= MAX_PENDING_CONTROLS) {
            throw new IllegalStateException(MAX_PENDING_CONTROLS + " control frames already waiting");
        }
        pendingControls.add(frame);
    }

    /** The next packet on the active path carries a Ping (keepalive, key confirmation). */
    void requestPing() {
        pingDue = true;
    }

    /**
     * Sends PathResponses, then packets on the active path with Control frames, a due Ping and the
     * payload's frames, until nothing is left.
     */
    void flush(long nowNs) {
        if (sealer == null || owner.isClosed()) {
            return;
        }
        PendingResponse r;
        while (pendingResponses != null && (r = pendingResponses.poll()) != null) {
            sendFrame(nowNs, r.path(), new Frame.PathResponse(r.data()), Transmit.DEFAULT_TTL);
        }
        PathState active = paths.active();
        for (int i = 0; active != null && !owner.isClosed() && i < MAX_PACKETS_PER_FLUSH; i++) {
            if (!sendOnActive(nowNs, active)) {
                break;
            }
        }
        // Drained queues go: an idle session then holds none (about 60 bytes each).
        if (pendingControls != null && pendingControls.isEmpty()) {
            pendingControls = null;
        }
        if (pendingResponses != null && pendingResponses.isEmpty()) {
            pendingResponses = null;
        }
    }

    /** One packet on the active path; false when there was nothing to send. */
    private boolean sendOnActive(long nowNs, PathState active) {
        byte[] b = PacketSender.buffer(host);
        int start = PacketSender.PLAINTEXT_OFFSET;
        int end = start + PacketSender.maxPlaintextBytes(maxDatagramBytes, active.path);
        int pos = start;
        while (pendingControls != null && !pendingControls.isEmpty()
                && pos + FrameCodec.encodedLength(pendingControls.peek()) <= end) {
            pos = FrameCodec.encode(pendingControls.poll(), b, pos);
        }
        if (pingDue) {
            pos = FrameCodec.encode(new Frame.Ping(), b, pos);
            pingDue = false;
        }
        SessionPayload payload = owner.payload();
        long pn = sealer.nextPacketNumber();
        int written = payload == null ? 0 : payload.writePacket(nowNs, pn, b, pos, end - pos);
        if (pos == start && written == 0) {
            return false;
        }
        int size = seal(active.path, pos - start + written, Transmit.DEFAULT_TTL);
        if (size < 0) {
            return false;
        }
        active.lastSendNs = nowNs;
        if (written == 0 && payload != null) {
            payload.onPacketSentWithoutPayload(nowNs, pn, size);
        }
        return true;
    }

    /** A packet holding only {@code frame}, on {@code path}, with IP TTL {@code ttl}. */
    void sendFrame(long nowNs, Path path, Frame frame, int ttl) {
        if (sealer == null) {
            throw new IllegalStateException("no keys to seal with yet");
        }
        int len = FrameCodec.encode(frame, PacketSender.buffer(host), PacketSender.PLAINTEXT_OFFSET)
                - PacketSender.PLAINTEXT_OFFSET;
        long pn = sealer.nextPacketNumber();
        int size = seal(path, len, ttl);
        if (size < 0) {
            return;
        }
        PathState ps = paths.find(path);
        if (ps != null) {
            ps.lastSendNs = nowNs;
        }
        SessionPayload payload = owner.payload();
        if (payload != null) {
            payload.onPacketSentWithoutPayload(nowNs, pn, size);
        }
    }

    private int seal(Path path, int plaintextBytes, int ttl) {
        try {
            return PacketSender.send(host, sealer, path, plaintextBytes, ttl);
        } catch (RekeyRequiredException e) {
            owner.keyExhausted(e.getMessage());
            return -1;
        }
    }
}
