package net.overlay.lab.fuzz;

import java.net.InetSocketAddress;
import java.util.List;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.proto.rendezvous.InMemoryDirectory;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import net.overlay.core.proto.session.Authorizer;
import net.overlay.core.proto.session.Path;
import net.overlay.core.proto.session.SessionEndpoint;
import net.overlay.core.proto.session.SessionEndpointConfig;
import net.overlay.core.proto.stun.StunCodec;
import net.overlay.core.proto.stun.StunMessage;
import net.overlay.core.proto.stun.TransactionId;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * A rendezvous node (STUN responder, session endpoint, broker, relay) fed a sequence of datagrams
 * from strangers on its four sockets, with the clock moving between them ({@link Script}: control
 * bits 0-1 the socket, 2-3 which of four sources, 4-7 the clock advance as a power of two in ms).
 *
 * <p>Properties: nothing escapes but returns; every reply goes back to the address that sent the
 * datagram it answers (no reflection toward a third party); and no reply is more than three times
 * the size of the request (issue #6: the node must not be an amplifier for unverified sources).
 */
public final class RendezvousTarget {
    static final int AMPLIFICATION_FACTOR = 3;
    private static final long MS = 1_000_000L;
    private static final List<InetSocketAddress> SOCKETS = List.of(
            new InetSocketAddress("203.0.113.1", 3478), new InetSocketAddress("203.0.113.1", 3479),
            new InetSocketAddress("203.0.113.2", 3478), new InetSocketAddress("203.0.113.2", 3479));
    private static final List<InetSocketAddress> SOURCES = List.of(
            new InetSocketAddress("198.51.100.7", 40000), new InetSocketAddress("198.51.100.7", 40001),
            new InetSocketAddress("198.51.100.8", 5353), new InetSocketAddress("192.0.2.9", 1));
    private static final Identity NODE = Identity.generate(RandomSource.seeded(11));

    private RendezvousTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        RendezvousMachine node = new RendezvousMachine(RendezvousMachine.Config.of(SOCKETS, 1_750_000_000_000L),
                NODE, new InMemoryDirectory(), RandomSource.seeded(12));
        Script script = new Script(data);
        long nowNs = 0;
        for (Script.Step s = script.next(); s != null; s = script.next()) {
            nowNs += (1L << (s.control() >>> 4)) * MS;
            if (node.pollTimeoutNs() <= nowNs) {
                node.handleTimeout(nowNs);
                drainTimerOutput(node);
            }
            InetSocketAddress from = SOURCES.get((s.control() >>> 2) & 3);
            byte[] d = s.datagram();
            node.handleDatagram(nowNs, s.control() & 3, from, d, 0, d.length);
            for (Transmit t = node.pollTransmit(); t != null; t = node.pollTransmit()) {
                InvariantViolation.check(t.to().equals(from), "a stranger's datagram from " + from
                        + " made the node send to " + t.to());
                InvariantViolation.check(t.payload().length() <= AMPLIFICATION_FACTOR * Math.max(d.length, 1),
                        "reply of " + t.payload().length() + " bytes to a " + d.length + "-byte datagram from "
                                + "an unverified source (more than " + AMPLIFICATION_FACTOR + "x)");
            }
            while (node.pollEvent() != null) {
                // events are for logs and counters
            }
        }
    }

    private static void drainTimerOutput(RendezvousMachine node) {
        // Timers may retransmit handshake answers to sources that sent a genuine first message;
        // those are bounded by the session's own retry budget, not by one datagram, so not checked.
        while (node.pollTransmit() != null) {
            // dropped
        }
    }

    static List<byte[]> seeds() {
        RandomSource random = RandomSource.seeded(13);
        byte[] stun = StunCodec.encode(StunMessage.bindingRequest(new TransactionId(Bytes.of(new byte[12])), List.of()));
        SessionEndpoint client = new SessionEndpoint(SessionEndpointConfig.DEFAULT,
                NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S), DhKeyPair.generate(random), random,
                (nowNs, key, payload) -> new Authorizer.Reject("client"));
        client.connect(0, NODE.staticPublicKey(), Bytes.EMPTY, Path.direct(0, SOCKETS.get(0)));
        byte[] initiation = client.pollTransmit().payload().toArray();
        return List.of(Script.of(0, stun), Script.of(0x10, stun, 0x01, stun), Script.of(0, initiation),
                Script.of(0, initiation, 0x40, initiation));
    }
}
