package net.overlay.core.proto.session;

import net.overlay.core.proto.wire.BigEndian;

import java.util.Objects;
import net.overlay.core.proto.crypto.AeadEngine;
import net.overlay.core.proto.crypto.AeadException;
import net.overlay.core.proto.crypto.CipherSuite;

/**
 * The receiving direction of a session: checks a Transport packet's header, screens its packet
 * number against the anti-replay window, verifies and decrypts it, and only then records the
 * number as seen. A forged packet therefore never moves the window, and a replay costs no AEAD
 * work. Every drop is counted by kind ({@link #count(OpenStatus)}).
 *
 * <p>It keeps the 32-byte key and opens with an {@link AeadEngine} that the endpoint's sessions
 * share (see {@link PacketSealer}). No allocation per accepted packet of its own (the JDK's
 * {@code Cipher} allocates inside; a forged packet costs one stackless exception). Caller: the
 * session's transport, on its own thread. Not thread-safe.
 */
public final class PacketOpener {
    private static final OpenStatus[] STATUSES = OpenStatus.values();

    private final CipherSuite suite;
    /** The key as four big-endian longs, as in {@link PacketSealer}. */
    private final long k0;
    private final long k1;
    private final long k2;
    private final long k3;
    private final AeadEngine engine;
    private final int localIndex;
    private final long rejectAfterPackets;
    private final ReplayWindow window;
    private long accepted;
    /** Drops by status, made on the first drop: most sessions never see one. */
    private long[] dropCounts;
    private long lastPacketNumber = -1;
    private int lastPlaintextBytes = -1;

    /**
     * @param suite the negotiated cipher
     * @param receiveKey the 32-byte transport key for this direction (copied)
     * @param localIndex the index this side chose for the session; packets must carry it
     */
    public PacketOpener(CipherSuite suite, byte[] receiveKey, int localIndex, SessionConfig config) {
        this(suite, receiveKey, localIndex, config, new AeadEngine());
    }

    /** As above, opening with {@code engine}, which other sealers and openers on this thread share. */
    public PacketOpener(CipherSuite suite, byte[] receiveKey, int localIndex, SessionConfig config, AeadEngine engine) {
        Objects.requireNonNull(config, "config");
        this.suite = Objects.requireNonNull(suite, "suite");
        if (receiveKey.length != AeadEngine.KEY_BYTES) {
            throw new IllegalArgumentException("AEAD key must be 32 bytes, got " + receiveKey.length);
        }
        this.k0 = AeadEngine.keyWord(receiveKey, 0);
        this.k1 = AeadEngine.keyWord(receiveKey, 1);
        this.k2 = AeadEngine.keyWord(receiveKey, 2);
        this.k3 = AeadEngine.keyWord(receiveKey, 3);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.localIndex = localIndex;
        this.rejectAfterPackets = config.rejectAfterPackets();
        this.window = new ReplayWindow(config.replayWindowPackets());
    }

    /**
     * Opens the Transport packet {@code datagram[off..off+len)} and, if it is authentic and fresh,
     * writes the payload to {@code out[outOff..]}, which needs {@code len - OVERHEAD_BYTES} bytes.
     * To open in place pass {@code datagram} as {@code out} and {@code off + HEADER_BYTES} as
     * {@code outOff}. On any status but {@link OpenStatus#ACCEPTED}, the bytes at {@code out} must
     * not be used.
     *
     * @return the outcome; on {@code ACCEPTED}, {@link #lastPlaintextBytes()} and
     *     {@link #lastPacketNumber()} describe the packet
     */
    public OpenStatus open(byte[] datagram, int off, int len, byte[] out, int outOff) {
        Objects.checkFromIndexSize(off, len, datagram.length);
        OpenStatus status = screen(datagram, off, len);
        if (status == OpenStatus.ACCEPTED) {
            status = decrypt(datagram, off, len, out, outOff);
        }
        if (status == OpenStatus.ACCEPTED) {
            accepted++;
        } else {
            if (dropCounts == null) {
                dropCounts = new long[STATUSES.length];
            }
            dropCounts[status.ordinal()]++;
        }
        return status;
    }

    /** Header and replay checks: everything that costs no cryptography. */
    private OpenStatus screen(byte[] d, int off, int len) {
        if (len < SessionConstants.OVERHEAD_BYTES
                || (d[off] & 0xFF) != SessionConstants.FIRST_BYTE
                || (d[off + 1] & 0xFF) != SessionConstants.SECOND_BYTE
                || BigEndian.getInt(d, off + SessionConstants.RECEIVER_INDEX_OFFSET) != localIndex) {
            return OpenStatus.MALFORMED;
        }
        long pn = BigEndian.getLong(d, off + SessionConstants.PACKET_NUMBER_OFFSET);
        // Unsigned comparison: a number with the top bit set is past any limit too.
        if (Long.compareUnsigned(pn, rejectAfterPackets) >= 0) {
            return OpenStatus.EXHAUSTED;
        }
        return switch (window.check(pn)) {
            case ReplayWindow.DUPLICATE -> OpenStatus.DUPLICATE;
            case ReplayWindow.TOO_OLD -> OpenStatus.TOO_OLD;
            default -> OpenStatus.ACCEPTED;
        };
    }

    private OpenStatus decrypt(byte[] d, int off, int len, byte[] out, int outOff) {
        long pn = BigEndian.getLong(d, off + SessionConstants.PACKET_NUMBER_OFFSET);
        int sealedLen = len - SessionConstants.HEADER_BYTES;
        Objects.checkFromIndexSize(outOff, sealedLen - SessionConstants.TAG_BYTES, out.length);
        int plain;
        try {
            // The header is the associated data, read in place: the cipher takes it before it writes
            // any plaintext, and the plaintext starts after it even when opening in place.
            plain = engine.open(suite, engine.putKey(k0, k1, k2, k3), pn, d, off, SessionConstants.HEADER_BYTES,
                    d, off + SessionConstants.HEADER_BYTES, sealedLen, out, outOff);
        } catch (AeadException e) {
            return OpenStatus.FORGED;
        }
        // Only now, with the tag verified, may the packet number move the window.
        window.accept(pn);
        lastPacketNumber = pn;
        lastPlaintextBytes = plain;
        return OpenStatus.ACCEPTED;
    }

    /** Payload length of the last accepted packet, or -1. */
    public int lastPlaintextBytes() {
        return lastPlaintextBytes;
    }

    /** Packet number of the last accepted packet, or -1. */
    public long lastPacketNumber() {
        return lastPacketNumber;
    }

    /** Highest packet number accepted so far, or -1. */
    public long highestPacketNumber() {
        return window.highest();
    }

    /** How many datagrams ended with {@code status} (accepted, or dropped for that reason). */
    public long count(OpenStatus status) {
        if (status == OpenStatus.ACCEPTED) {
            return accepted;
        }
        return dropCounts == null ? 0 : dropCounts[status.ordinal()];
    }

    /** The local index packets must carry. */
    public int localIndex() {
        return localIndex;
    }
}
