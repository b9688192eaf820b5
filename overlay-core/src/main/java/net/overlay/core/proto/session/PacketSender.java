package net.overlay.core.proto.session;

import static net.overlay.core.proto.wire.WireConstants.RELAYED_HEADER_BYTES;

import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.PacketCodec;

/**
 * Seals a session's plaintext into a Transport packet with the session's one {@link PacketSealer}
 * (its packet number counter is the session's) and hands it to the host, wrapped in a
 * {@code Relayed} header on a relay path. One buffer, the endpoint's ({@link SessionScratch}), shared
 * by all its sessions: the plaintext is written at
 * {@link #PLAINTEXT_OFFSET}, sealed in place behind the Transport header, and the Relayed header,
 * when needed, goes in front of that, so nothing is copied before the outgoing {@link Transmit}.
 * Not thread-safe.
 */
final class PacketSender {
    /** Room for a Relayed header, then the Transport header, then the plaintext. */
    static final int PLAINTEXT_OFFSET = RELAYED_HEADER_BYTES + SessionConstants.HEADER_BYTES;

    private PacketSender() {}

    /** Where frames are written: {@code buffer(host)[PLAINTEXT_OFFSET ..]}; the host's, shared by its sessions. */
    static byte[] buffer(SessionHost host) {
        return host.scratch().sendBuffer();
    }

    /** Plaintext that fits one datagram of at most {@code maxDatagramBytes} on {@code path}. */
    static int maxPlaintextBytes(int maxDatagramBytes, Path path) {
        return maxDatagramBytes - (path.isDirect() ? 0 : RELAYED_HEADER_BYTES) - SessionConstants.OVERHEAD_BYTES;
    }

    /**
     * Seals {@code plaintextBytes} at {@link #PLAINTEXT_OFFSET} of the host's buffer with
     * {@code sealer} and transmits it on {@code path}.
     *
     * @return the datagram's size
     */
    static int send(SessionHost host, PacketSealer sealer, Path path, int plaintextBytes, int ttl)
            throws RekeyRequiredException {
        byte[] buf = buffer(host);
        int at = RELAYED_HEADER_BYTES;
        int len = sealer.seal(buf, PLAINTEXT_OFFSET, plaintextBytes, buf, at);
        if (!path.isDirect()) {
            at = 0;
            len += PacketCodec.encodeRelayedHeader(buf, 0, path.relayToken());
        }
        host.transmit(new Transmit(path.socket(), path.remote(), Bytes.of(buf, at, len), ttl));
        return len;
    }
    /** Sends an already encoded packet (a handshake message) on {@code path}, wrapped for a relay path. */
    static void sendEncoded(SessionHost host, Path path, byte[] packet) {
        Bytes payload;
        if (path.isDirect()) {
            payload = Bytes.of(packet);
        } else {
            byte[] wrapped = new byte[RELAYED_HEADER_BYTES + packet.length];
            PacketCodec.encodeRelayedHeader(wrapped, 0, path.relayToken());
            System.arraycopy(packet, 0, wrapped, RELAYED_HEADER_BYTES, packet.length);
            payload = Bytes.wrapOwned(wrapped);
        }
        host.transmit(new Transmit(path.socket(), path.remote(), payload, Transmit.DEFAULT_TTL));
    }
}
