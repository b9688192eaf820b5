package net.overlay.cluster.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Base64;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.rendezvous.Routing;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.SignalCodec;
import net.overlay.core.proto.signal.SignalException;
import net.overlay.core.proto.wire.Bytes;

/**
 * How protocol values travel inside cluster messages: as plain strings and numbers that Jackson
 * CBOR carries without custom serializers (and with no {@code byte[]} in records, STYLE.md).
 * Signals go in the overlay's own signal encoding, so a node reads exactly what a peer would.
 * Decoding never throws anything but {@link IllegalArgumentException} (a bad message from a node
 * of another version is dropped by the caller and counted).
 */
public final class WireForm {
    private WireForm() {}

    /** A signal as its kind code and base64 body. */
    public record SignalForm(long kind, String body) implements CborSerializable {
        static SignalForm of(Signal s) {
            return new SignalForm(s.kind().code(), Base64.getEncoder().encodeToString(SignalCodec.encode(s).toArray()));
        }

        Signal decode() {
            try {
                return SignalCodec.decode(kind, Bytes.wrapOwned(Base64.getDecoder().decode(body)));
            } catch (SignalException | RuntimeException e) {
                throw new IllegalArgumentException("bad signal from another node: " + e.getMessage(), e);
            }
        }
    }

    /** A client's connect as its node saw it ({@link Routing.RemoteConnect}). */
    public record ConnectForm(String client, String clientStaticKey, String clientObserved, SignalForm connect)
            implements CborSerializable {
        static ConnectForm of(Routing.RemoteConnect r) {
            return new ConnectForm(b64(r.client().key()), b64(r.clientStaticKey()), show(r.clientObserved()),
                    SignalForm.of(r.connect()));
        }

        Routing.RemoteConnect decode() {
            if (!(connect.decode() instanceof Signal.Connect c)) {
                throw new IllegalArgumentException("a forwarded connect that is no connect");
            }
            return new Routing.RemoteConnect(new PeerId(unb64(client)), unb64(clientStaticKey), parse(clientObserved), c);
        }
    }

    static String b64(Bytes b) {
        return Base64.getEncoder().encodeToString(b.toArray());
    }

    static Bytes unb64(String s) {
        return Bytes.wrapOwned(Base64.getDecoder().decode(s));
    }

    /** {@code ip:port}, IPv6 in brackets; only literal addresses (never a name lookup). */
    static String show(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        String host = ip.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    static InetSocketAddress parse(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not ip:port: " + s);
        }
        String host = s.substring(0, colon).replace("[", "").replace("]", "");
        if (!host.matches("[0-9a-fA-F.:]+")) {
            throw new IllegalArgumentException("not a literal address: " + s);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(s.substring(colon + 1)));
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("not ip:port: " + s, e);
        }
    }
}
