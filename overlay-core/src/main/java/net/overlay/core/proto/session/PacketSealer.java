package net.overlay.core.proto.session;

import net.overlay.core.proto.wire.BigEndian;

import java.util.Objects;
import net.overlay.core.proto.crypto.AeadEngine;
import net.overlay.core.proto.crypto.CipherSuite;

/**
 * The sending direction of a session: writes the Transport header (see {@link SessionConstants})
 * and seals the payload with the packet number as the AEAD nonce. Packet numbers start at 0 and
 * only go up, so a nonce is never reused under one key; at the configured limit it refuses.
 *
 * <p>It keeps the 32-byte key, not a keyed cipher: the {@link AeadEngine} it seals with is shared
 * by every session of an endpoint and re-keyed per packet (docs/node.md, "bench rendezvous").
 * No allocation per packet of its own (the JDK's {@code Cipher} allocates inside). Caller: the
 * session's transport, on its own thread. Not thread-safe.
 */
public final class PacketSealer {
    private final CipherSuite suite;
    /** The key as four big-endian longs: 32 bytes in the object instead of an array (48 bytes and a reference). */
    private final long k0;
    private final long k1;
    private final long k2;
    private final long k3;
    private final AeadEngine engine;
    private final int receiverIndex;
    private final long rekeyAfterPackets;
    private final long rejectAfterPackets;
    private long nextPacketNumber;

    /**
     * @param suite the negotiated cipher
     * @param sendKey the 32-byte transport key for this direction (copied)
     * @param receiverIndex the index the peer chose for this session, written in every header
     */
    public PacketSealer(CipherSuite suite, byte[] sendKey, int receiverIndex, SessionConfig config) {
        this(suite, sendKey, receiverIndex, config, new AeadEngine());
    }

    /** As above, sealing with {@code engine}, which other sealers and openers on this thread share. */
    public PacketSealer(CipherSuite suite, byte[] sendKey, int receiverIndex, SessionConfig config, AeadEngine engine) {
        Objects.requireNonNull(config, "config");
        this.suite = Objects.requireNonNull(suite, "suite");
        if (sendKey.length != AeadEngine.KEY_BYTES) {
            throw new IllegalArgumentException("AEAD key must be 32 bytes, got " + sendKey.length);
        }
        this.k0 = AeadEngine.keyWord(sendKey, 0);
        this.k1 = AeadEngine.keyWord(sendKey, 1);
        this.k2 = AeadEngine.keyWord(sendKey, 2);
        this.k3 = AeadEngine.keyWord(sendKey, 3);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.receiverIndex = receiverIndex;
        this.rekeyAfterPackets = config.rekeyAfterPackets();
        this.rejectAfterPackets = config.rejectAfterPackets();
    }

    /**
     * Seals {@code len} bytes of {@code in} from {@code inOff} into a Transport packet at
     * {@code out[outOff..]}, which needs {@code len + OVERHEAD_BYTES} bytes. To seal in place, put
     * the payload at {@code outOff + HEADER_BYTES} of {@code out} and pass the same array and
     * offset as {@code in}.
     *
     * @return the datagram length, {@code len + OVERHEAD_BYTES}
     * @throws RekeyRequiredException when the key's packet numbers are used up; nothing is written
     */
    public int seal(byte[] in, int inOff, int len, byte[] out, int outOff) throws RekeyRequiredException {
        long pn = nextPacketNumber;
        if (pn >= rejectAfterPackets) {
            throw new RekeyRequiredException(pn);
        }
        Objects.checkFromIndexSize(outOff, len + SessionConstants.OVERHEAD_BYTES, out.length);
        nextPacketNumber = pn + 1;
        byte[] header = engine.scratch();
        header[0] = (byte) SessionConstants.FIRST_BYTE;
        header[1] = (byte) SessionConstants.SECOND_BYTE;
        BigEndian.putInt(header, SessionConstants.RECEIVER_INDEX_OFFSET, receiverIndex);
        BigEndian.putLong(header, SessionConstants.PACKET_NUMBER_OFFSET, pn);
        int sealed = engine.seal(suite, engine.putKey(k0, k1, k2, k3), pn, header, 0, SessionConstants.HEADER_BYTES, in, inOff, len, out,
                outOff + SessionConstants.HEADER_BYTES);
        // Written after sealing, so that a payload the caller placed across the header bytes is
        // read by the cipher before it is overwritten.
        System.arraycopy(header, 0, out, outOff, SessionConstants.HEADER_BYTES);
        return SessionConstants.HEADER_BYTES + sealed;
    }

    /** Whether the sender should start a rekey now (the soft limit has been reached). */
    public boolean rekeyDue() {
        return nextPacketNumber >= rekeyAfterPackets;
    }

    /** The packet number the next {@link #seal} will use; also the count of packets sealed. */
    public long nextPacketNumber() {
        return nextPacketNumber;
    }

    /** The receiver index written in every header. */
    public int receiverIndex() {
        return receiverIndex;
    }

    /** The cipher's Noise name. */
    public String cipherName() {
        return suite.noiseName();
    }
}
