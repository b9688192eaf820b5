package net.overlay.core.proto.transport;

import java.util.Objects;
import net.overlay.core.proto.session.SessionPayload;
import net.overlay.core.proto.wire.WireException;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.PathChange;

/**
 * The stream transport as a session's payload (docs/transport.md, "Inside a session"): the
 * session seals and opens, owns the packet numbers and its own frames; the {@link Transport}
 * fills the rest of each packet and reads the rest of each plaintext. The application uses
 * {@link #transport()} for streams and events, then asks the session (or its agent) to flush.
 *
 * <p>A packet that breaks a transport rule closes the session through the {@link Closer} with
 * the RFC 9000 error code; frames that do not parse drop the rest of the packet, as the session
 * does with its own. Called by the session on its parent's thread; not thread-safe.
 */
public final class TransportPayload implements SessionPayload {

    /** How the payload ends its session after a peer broke a transport rule: {@code Session::close}. */
    @FunctionalInterface
    public interface Closer {
        void close(long nowNs, long errorCode, String reason);
    }

    private final Transport transport;
    private final Closer closer;
    private long undecodablePackets;

    public TransportPayload(Transport transport, Closer closer) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.closer = Objects.requireNonNull(closer, "closer");
    }

    /**
     * A payload with a new session transport whose controller (and receiver hook, for a
     * receiver-driven algorithm) come from {@code factory}.
     *
     * @param isClient whether this end initiated the session (its streams get even ids)
     */
    public static TransportPayload create(TransportConfig config, CongestionControlFactory factory, long seed,
                                          boolean isClient, Closer closer) {
        CongestionConfig cc = CongestionConfig.defaults(config.maxPayloadBytes() + config.packetOverheadBytes(), seed);
        return new TransportPayload(Transport.insideSession(config, factory.create(cc), factory.createReceiverHook(cc),
                isClient), closer);
    }

    /** The transport: open streams, write, read, poll its events here. */
    public Transport transport() {
        return transport;
    }

    /** Packets whose frames the transport could not parse (the session's own frames had parsed). */
    public long undecodablePackets() {
        return undecodablePackets;
    }

    @Override
    public int writePacket(long nowNs, long packetNumber, byte[] buf, int off, int maxLen) {
        return transport.pollPacket(nowNs, packetNumber, buf, off, maxLen);
    }

    @Override
    public void onPacket(long nowNs, long packetNumber, byte[] buf, int off, int len) {
        try {
            transport.handlePacket(nowNs, packetNumber, buf, off, len);
        } catch (WireException e) {
            undecodablePackets++;
        } catch (TransportException e) {
            // RFC 9000 10.2.3: a transport error ends the connection with its code.
            closer.close(nowNs, e.code().wireCode(), e.getMessage());
        }
    }

    @Override
    public void onPacketSentWithoutPayload(long nowNs, long packetNumber, int sizeBytes) {
        transport.onForeignPacketSent(nowNs, packetNumber, sizeBytes);
    }

    @Override
    public void onPathChange(long nowNs, boolean newPath) {
        transport.onPathChange(nowNs, newPath ? PathChange.NEW_PATH : PathChange.SAME_PATH_NEW_ADDRESS);
    }

    @Override
    public long pollTimeoutNs() {
        return transport.pollTimeoutNs();
    }

    @Override
    public void handleTimeout(long nowNs) {
        transport.handleTimeout(nowNs);
    }
}
