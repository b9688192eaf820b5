package net.overlay.core.proto.session;

import static net.overlay.core.proto.wire.WireConstants.RELAYED_HEADER_BYTES;

import net.overlay.core.proto.crypto.AeadEngine;
import net.overlay.core.proto.wire.FrameCursor;

/**
 * What every session of one endpoint shares instead of holding its own: the AEAD engine (keys stay
 * in the sessions, 32 bytes a direction), the buffer packets are built and sealed in, the buffer
 * packets are opened into, and the frame cursor. An idle session then costs a few hundred bytes
 * instead of several kilobytes (docs/node.md, "bench rendezvous"). Sharing is safe because the
 * endpoint is single-threaded and a session finishes with a buffer before the call that filled it
 * returns: a Transmit copies what it sends, and the plaintext is handed to the payload and the
 * host's events, which copy what they keep.
 *
 * <p>By default each {@link SessionEndpoint} makes its own. A host that runs many endpoints on one
 * thread, one call at a time (the simulator: a region's device agents, issue #5), may hand them one
 * scratch, which saves about 4 KB and two JDK ciphers per endpoint. Not thread-safe: never share one
 * between endpoints that run on different threads.
 */
public final class SessionScratch {
    private final AeadEngine engine = new AeadEngine();
    private final FrameCursor cursor = new FrameCursor(new byte[0], 0, 0);
    private final byte[] send;
    private byte[] receive = new byte[2048];

    /** @param maxDatagramBytes the largest datagram a session of the endpoints using it sends, relay header included */
    public SessionScratch(int maxDatagramBytes) {
        if (maxDatagramBytes <= 0) {
            throw new IllegalArgumentException("maxDatagramBytes must be positive: " + maxDatagramBytes);
        }
        this.send = new byte[RELAYED_HEADER_BYTES + maxDatagramBytes];
    }

    /** Whether sessions sending datagrams of up to {@code maxDatagramBytes} fit in the send buffer. */
    boolean fits(int maxDatagramBytes) {
        return send.length >= RELAYED_HEADER_BYTES + maxDatagramBytes;
    }

    AeadEngine engine() {
        return engine;
    }

    FrameCursor cursor() {
        return cursor;
    }

    /** Where a packet is built: room for a Relayed header, the Transport header and the plaintext. */
    byte[] sendBuffer() {
        return send;
    }

    /** Where a packet of {@code len} bytes is opened into; grown when a larger one arrives. */
    byte[] receiveBuffer(int len) {
        if (receive.length < len) {
            receive = new byte[len];
        }
        return receive;
    }
}
