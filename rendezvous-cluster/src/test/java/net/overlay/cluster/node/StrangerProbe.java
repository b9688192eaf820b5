package net.overlay.cluster.node;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.StaticKeyBinding;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.proto.session.Authorizer;
import net.overlay.core.proto.session.Path;
import net.overlay.core.proto.session.SessionEndpoint;
import net.overlay.core.proto.session.SessionEndpointConfig;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.SignalCodec;
import net.overlay.core.proto.stun.StunAttribute;
import net.overlay.core.proto.stun.StunCodec;
import net.overlay.core.proto.stun.StunMessage;
import net.overlay.core.proto.stun.StunTrailer;
import net.overlay.core.proto.stun.TransactionId;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.WireConstants;
import net.overlay.core.spi.RandomSource;

/**
 * A stranger on one loopback IP talking raw UDP to a node, for robustness tests: sends what it is
 * given and reads replies with a timeout; builds the datagrams worth sending (Binding requests of
 * several shapes, broken ones, handshake initiations).
 */
final class StrangerProbe implements AutoCloseable {
    private static final RandomSource RANDOM = RandomSource.seeded(5);

    private final DatagramSocket socket;
    private final InetSocketAddress node;

    StrangerProbe(String localIp, InetSocketAddress node) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(localIp, 0));
        this.node = node;
    }

    void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, node));
    }

    /** The next datagram received within {@code timeoutMs}, or null. */
    byte[] receive(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        DatagramPacket p = new DatagramPacket(new byte[65_536], 65_536);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(p.getData(), p.getLength());
    }

    @Override
    public void close() {
        socket.close();
    }

    static byte[] garbage(int lenBytes) {
        byte[] b = new byte[lenBytes];
        Arrays.fill(b, (byte) 0xA5);
        b[0] = (byte) 0xFF;
        return b;
    }

    /** A Binding request's first two bytes and length, without RFC 8489's magic cookie: not STUN. */
    static byte[] brokenStun() {
        byte[] b = new byte[20];
        b[1] = 0x01;
        b[4] = 0x12;   // the cookie would be 0x2112A442
        return b;
    }

    /** The overlay's version byte and HandshakeInitiation type, then ten bytes: far too short. */
    static byte[] truncatedInitiation() {
        byte[] b = new byte[12];
        b[0] = (byte) WireConstants.VERSION_BYTE;
        b[1] = (byte) WireConstants.TYPE_HANDSHAKE_INITIATION;
        return b;
    }

    /** Binding requests with no attribute, with attributes, with FINGERPRINT, PADDING, CHANGE-REQUEST. */
    static List<byte[]> bindingRequests() {
        return List.of(
                StunCodec.encode(request(List.of())),
                StunCodec.encode(request(List.of(new StunAttribute.Software("probe"),
                        new StunAttribute.ChangeRequest(false, false)))),
                StunCodec.encode(request(List.of()), StunTrailer.FINGERPRINT),
                StunCodec.encode(request(List.of(new StunAttribute.Padding(200)))),
                StunCodec.encode(request(List.of(new StunAttribute.ChangeRequest(true, true)))),
                // An unknown comprehension-required attribute: answered with 420 (RFC 8489 7.3.1).
                StunCodec.encode(request(List.of(new StunAttribute.Unknown(0x0030, Bytes.of(new byte[4]))))));
    }

    private static StunMessage request(List<StunAttribute> attributes) {
        return StunMessage.bindingRequest(TransactionId.random(RANDOM), attributes);
    }

    /** A genuine first handshake message from a client with a valid signed hello: the node answers it. */
    static byte[] initiation(Identity node, InetSocketAddress at) {
        Identity client = Identity.generate(RANDOM);
        Signal.Hello hello = new Signal.Hello(Signal.PeerRole.CLIENT, client.peerId().key(), "",
                StaticKeyBinding.sign(client), Bytes.EMPTY);
        return firstMessage(client, node, at, SignalCodec.encode(hello));
    }

    /** A well-formed initiation whose payload is no hello: authenticated, then refused without an answer. */
    static byte[] initiationWithoutHello(Identity node, InetSocketAddress at) {
        return firstMessage(Identity.generate(RANDOM), node, at, Bytes.EMPTY);
    }

    private static byte[] firstMessage(Identity from, Identity node, InetSocketAddress at, Bytes payload) {
        SessionEndpoint client = new SessionEndpoint(SessionEndpointConfig.AGENT,
                NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S), DhKeyPair.fromPrivateKey(from.staticPrivateKey()),
                RANDOM, (nowNs, key, p) -> new Authorizer.Reject("a probe accepts nobody"));
        client.connect(0, node.staticPublicKey(), payload, Path.direct(0, at));
        return client.pollTransmit().payload().toArray();
    }
}
