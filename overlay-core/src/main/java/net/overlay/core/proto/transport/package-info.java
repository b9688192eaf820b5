/**
 * The reliable multiplexed transport inside a session (docs/transport.md): streams with flow
 * control, unreliable datagrams, acknowledgements and loss recovery after RFC 9002, pacing, and
 * calls into the pluggable congestion controller ({@code net.overlay.core.spi.cc}). Sans-IO:
 * {@link net.overlay.core.proto.transport.Transport} takes opened packet payloads and the time as
 * arguments and writes the frames of the next packet into a caller's buffer; the session layer
 * seals and sends them. Called by the session and, in tests, by an in-memory two-endpoint
 * harness in virtual time.
 */
package net.overlay.core.proto.transport;
