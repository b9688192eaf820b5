package net.overlay.core.proto.transport;

import net.overlay.core.proto.wire.Bytes;

/**
 * What happened inside a transport, drained by its host with {@link Transport#pollEvent()} after
 * each input. Stream events are edge-triggered: {@link StreamReadable} comes once when a stream
 * gets data to read and again only after the application has read until it was empty.
 */
public sealed interface TransportEvent {

    /** The peer opened stream {@code streamId} (its first frame arrived). */
    record StreamOpened(long streamId) implements TransportEvent {
    }

    /** Stream {@code streamId} has bytes (or its end) to read. */
    record StreamReadable(long streamId) implements TransportEvent {
    }

    /**
     * Every byte of stream {@code streamId} up to the peer's FIN has arrived: reads return the
     * rest, then -1.
     */
    record StreamFinished(long streamId) implements TransportEvent {
    }

    /** The peer abandoned its sending side of the stream (RESET_STREAM); unread data is gone. */
    record StreamReset(long streamId, long errorCode) implements TransportEvent {
    }

    /** The peer asked us to stop sending on the stream (STOP_SENDING); we reset it in answer. */
    record StopSendingReceived(long streamId, long errorCode) implements TransportEvent {
    }

    /** The stream's send buffer has room again after a write was refused or cut short. */
    record StreamWritable(long streamId) implements TransportEvent {
    }

    /** Our stream limit was raised, so {@link Transport#openStream()} may succeed again. */
    record StreamsAvailable() implements TransportEvent {
    }

    /** An unreliable datagram arrived. */
    record DatagramReceived(Bytes data) implements TransportEvent {
    }

    /** A rendezvous signalling message arrived (traversal layer; unreliable, as datagrams). */
    record ControlReceived(long kind, Bytes body) implements TransportEvent {
    }

    /** The answer to a {@link Transport#sendPathChallenge} arrived. */
    record PathResponseReceived(long data) implements TransportEvent {
    }

    /** Nothing arrived for the idle timeout: the transport is closed. */
    record IdleTimeout() implements TransportEvent {
    }

    /** The peer closed the session with a Close frame: the transport is closed. */
    record ConnectionClosed(long errorCode, String reason) implements TransportEvent {
    }
}
