package net.overlay.core.proto.session;

import net.overlay.core.proto.wire.BigEndian;

import java.util.Objects;
import net.overlay.core.proto.crypto.Aead;
import net.overlay.core.proto.crypto.CipherSuite;

/**
 * The sending direction of a session: writes the Transport header (see {@link SessionConstants})
 * and seals the payload with the packet number as the AEAD nonce. Packet numbers start at 0 and
 * only go up, so a nonce is never reused under one key; at the configured limit it refuses.
 *
 * <p>No allocation per packet of its own (the JDK's {@code Cipher} allocates a little inside).
 * Caller: the session's transport, on its own thread. Not thread-safe.
 */
public final class PacketSealer {
    private final Aead aead;
    private final int receiverIndex;
    private final long rekeyAfterPackets;
    private final long rejectAfterPackets;
    /** The header of the packet being sealed; the AEAD's associated data. */
    private final byte[] header = new byte[SessionConstants.HEADER_BYTES];
    private long nextPacketNumber;

    /**
     * @param suite the negotiated cipher
     * @param sendKey the 32-byte transport key for this direction (copied)
     * @param receiverIndex the index the peer chose for this session, written in every header
     */
    public PacketSealer(CipherSuite suite, byte[] sendKey, int receiverIndex, SessionConfig config) {
        Objects.requireNonNull(config, "config");
        this.aead = Aead.create(Objects.requireNonNull(suite, "suite"), sendKey);
        this.receiverIndex = receiverIndex;
        this.rekeyAfterPackets = config.rekeyAfterPackets();
        this.rejectAfterPackets = config.rejectAfterPackets();
        header[0] = (byte) SessionConstants.FIRST_BYTE;
        header[1] = (byte) SessionConstants.SECOND_BYTE;
        BigEndian.putInt(header, SessionConstants.RECEIVER_INDEX_OFFSET, receiverIndex);
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
        BigEndian.putLong(header, SessionConstants.PACKET_NUMBER_OFFSET, pn);
        int sealed = aead.seal(pn, header, in, inOff, len, out, outOff + SessionConstants.HEADER_BYTES);
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
        return aead.noiseName();
    }
}
