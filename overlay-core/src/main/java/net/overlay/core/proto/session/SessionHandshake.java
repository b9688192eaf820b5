package net.overlay.core.proto.session;

import java.util.Arrays;
import java.util.function.Supplier;
import net.overlay.core.proto.noise.HandshakeState;
import net.overlay.core.proto.noise.NoiseException;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Packet;
import net.overlay.core.proto.wire.PacketCodec;

/**
 * The handshake part of a {@link Session}. Initiator: the Noise state, the encoded initiation
 * and its retransmission with exponential backoff (the same bytes each time, so the responder can
 * recognise a duplicate). Responder: the encoded answer, cached for duplicates of the initiation
 * from the path it first came on. Everything is dropped by {@link #done()}. Not thread-safe.
 */
final class SessionHandshake {
    private final SessionTuning tuning;
    private final Supplier<HandshakeState> initiatorFactory;
    private final Bytes payload;
    private HandshakeState state;
    private byte[] initiationPacket;
    private Path initiationPath;
    private int attemptsSent;
    private long nextRetransmitNs = Long.MAX_VALUE;
    /** Responder: when a session nobody confirmed is forgotten (kept here, not in every established Session). */
    private long halfOpenDeadlineNs = Long.MAX_VALUE;
    private Path responsePath;
    private byte[] responsePacket;
    private byte[] initiationMessage;

    private SessionHandshake(SessionTuning tuning, Supplier<HandshakeState> initiatorFactory, Bytes payload) {
        this.tuning = tuning;
        this.initiatorFactory = initiatorFactory;
        this.payload = payload;
    }

    /** An initiator's handshake; {@code factory} builds a fresh Noise state (again after a forged answer). */
    static SessionHandshake initiator(SessionTuning tuning, Supplier<HandshakeState> factory, Bytes payload) {
        return new SessionHandshake(tuning, factory, payload);
    }

    /** A responder's handshake, remembering the initiation's Noise message to spot duplicates. */
    static SessionHandshake responder(SessionTuning tuning, byte[] buf, int off, int len) {
        SessionHandshake h = new SessionHandshake(tuning, null, Bytes.EMPTY);
        h.initiationMessage = Arrays.copyOfRange(buf, off, off + len);
        return h;
    }

    HandshakeState state() {
        return state;
    }

    /** Builds the initiation (or a new one, after a forged answer killed the Noise state). */
    void restart(int localIndex) {
        state = initiatorFactory.get();
        byte[] msg1;
        try {
            msg1 = state.writeMessage(payload.toArray());
        } catch (NoiseException e) {
            // Only a low-order responder key makes the first message fail: a configuration error.
            throw new IllegalArgumentException("cannot start a handshake with this responder key: " + e.getMessage(), e);
        }
        initiationPacket = PacketCodec.encode(new Packet.HandshakeInitiation(localIndex, Bytes.wrapOwned(msg1)));
    }

    void sendInitiation(long nowNs, SessionHost host, Path path, int localIndex) {
        restart(localIndex);
        initiationPath = path;
        attemptsSent = 1;
        nextRetransmitNs = nowNs + tuning.handshakeRetransmitNs();
        PacketSender.sendEncoded(host, path, initiationPacket);
    }

    long nextRetransmitNs() {
        return nextRetransmitNs;
    }

    /**
     * Retransmits the initiation if due.
     *
     * @return false when every attempt is spent and the last one's wait is over: the handshake failed
     */
    boolean retransmitIfDue(long nowNs, SessionHost host) {
        if (initiationPacket == null || nowNs < nextRetransmitNs) {
            return true;
        }
        if (attemptsSent >= tuning.handshakeAttempts()) {
            return false;
        }
        attemptsSent++;
        // 500 ms, 1 s, 2 s, ... after the first send, as WireGuard's and QUIC's handshake timers back off.
        nextRetransmitNs = nowNs + (tuning.handshakeRetransmitNs() << (attemptsSent - 1));
        PacketSender.sendEncoded(host, initiationPath, initiationPacket);
        return true;
    }

    long halfOpenDeadlineNs() {
        return halfOpenDeadlineNs;
    }

    void halfOpenDeadlineNs(long deadlineNs) {
        this.halfOpenDeadlineNs = deadlineNs;
    }

    void cacheResponse(Path path, byte[] packet) {
        responsePath = path;
        responsePacket = packet;
    }

    /** Resends the cached answer if {@code buf[off..off+len)} is the same initiation on the same path. */
    boolean resendResponse(SessionHost host, Path path, byte[] buf, int off, int len) {
        if (responsePacket == null || !path.equals(responsePath)
                || !Arrays.equals(initiationMessage, 0, initiationMessage.length, buf, off, off + len)) {
            return false;
        }
        PacketSender.sendEncoded(host, path, responsePacket);
        return true;
    }

    /** The handshake is over (or abandoned): forget its state and packets. */
    void done() {
        state = null;
        initiationPacket = null;
        responsePacket = null;
        initiationMessage = null;
        nextRetransmitNs = Long.MAX_VALUE;
    }
}
