/**
 * The encrypted session between two peers (docs/session.md): the Noise IK handshake carried in
 * HandshakeInitiation/HandshakeResponse packets ({@link net.overlay.core.proto.session.Session}),
 * sealed Transport packets ({@link net.overlay.core.proto.session.PacketSealer}: packet number as
 * the AEAD nonce; {@link net.overlay.core.proto.session.PacketOpener}: tag check, then a sliding
 * anti-replay window), and the session's paths: direct or through a relay, validated by
 * PathChallenge/PathResponse, migrated to, and given up for the relay when they go silent.
 * {@link net.overlay.core.proto.session.SessionEndpoint} demultiplexes a node's datagrams by
 * receiver index, answers only authenticated and authorised initiators, and counts every drop.
 *
 * <p>Callers: the device, client and rendezvous machines embed a {@code SessionEndpoint}; the stream
 * transport plugs in as a {@link net.overlay.core.proto.session.SessionPayload}; the crypto
 * benchmark in {@code lab} uses the sealer and opener directly. Sans-IO and single-threaded.
 */
package net.overlay.core.proto.session;
