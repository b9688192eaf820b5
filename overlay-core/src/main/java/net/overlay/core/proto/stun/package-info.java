/**
 * STUN (RFC 8489) with the NAT behaviour discovery attributes of RFC 5780: the message codec,
 * MESSAGE-INTEGRITY and FINGERPRINT, a stateless Binding responder and a client transaction.
 *
 * <p>Sans-IO like the rest of {@code proto}: nothing here opens a socket or reads a clock; time
 * arrives as {@code nowNs} and transaction ids come from an injected
 * {@link net.overlay.core.spi.RandomSource}. Callers: the rendezvous node (responder), the device
 * agent's NAT discovery (client transaction) and {@code net.overlay.core.vectors.StunVectorCheck}.
 * See {@code docs/stun.md} for what is and is not implemented.
 */
package net.overlay.core.proto.stun;
