package net.overlay.core.proto.stun;

import static net.overlay.core.proto.stun.StunConstants.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.overlay.core.proto.stun.StunAttribute.*;
import net.overlay.core.proto.wire.Bytes;

/**
 * A stateless STUN Binding server (RFC 8489 6.3) with RFC 5780 behaviour discovery: the rendezvous
 * node feeds it every datagram that looks like STUN and sends what it returns.
 *
 * <p>It never answers what is not a request: indications, responses and garbage give an empty
 * result (counting drops is the caller's business). A request with a sound header but bad
 * attributes, or for another method, gets 400; unknown comprehension-required attributes get 420
 * with UNKNOWN-ATTRIBUTES, and so does CHANGE-REQUEST when no alternate address is configured
 * (RFC 5780 6.1). A request whose FINGERPRINT is wrong is dropped (RFC 8489 7.3).
 *
 * <p>Amplification: no reply is more than {@link #AMPLIFICATION_FACTOR} times the request's size,
 * since every source is unverified (a spoofed source would turn us into a reflector). The reply
 * always holds the header and XOR-MAPPED-ADDRESS (at most 44 bytes, within 3 x 20); the other
 * attributes are added in order of importance while they fit: an echoed PADDING, FINGERPRINT if
 * the request had one, OTHER-ADDRESS, RESPONSE-ORIGIN, MAPPED-ADDRESS, SOFTWARE, and FINGERPRINT
 * otherwise. A client that wants everything pads its request (RFC 5780 7.6 PADDING).
 *
 * <p>Immutable and thread-safe; no clock, no randomness.
 */
public final class BindingResponder {
    /** Our choice: a reply is at most this many times the request's size. */
    public static final int AMPLIFICATION_FACTOR = 3;

    private final BindingResponderConfig config;

    public BindingResponder(BindingResponderConfig config) {
        this.config = config;
    }

    /**
     * Answers one datagram received on {@code local} from {@code source}; empty when no answer is due.
     */
    public Optional<BindingReply> handleRequest(
            byte[] buf, int off, int len, InetSocketAddress source, InetSocketAddress local) {
        int budgetBytes = AMPLIFICATION_FACTOR * len;
        StunMessage request;
        try {
            request = StunCodec.decode(buf, off, len);
        } catch (StunException e) {
            // RFC 8489 6.3: a sound header makes it a STUN request worth a 400; otherwise drop
            return e.header()
                    .filter(h -> h.messageClass() == StunClass.REQUEST)
                    .flatMap(h -> error(h, ERROR_BAD_REQUEST, REASON_BAD_REQUEST, List.of(), false,
                            budgetBytes, source, local));
        }
        if (request.messageClass() != StunClass.REQUEST) {
            return Optional.empty();
        }
        StunIntegrity.Check fingerprint = StunIntegrity.checkFingerprint(buf, off, len);
        if (fingerprint == StunIntegrity.Check.INVALID) {
            return Optional.empty();
        }
        boolean fingerprinted = fingerprint == StunIntegrity.Check.VALID;
        StunHeader header = request.header();
        if (request.method() != METHOD_BINDING) {
            return error(header, ERROR_BAD_REQUEST, REASON_BAD_REQUEST, List.of(), fingerprinted,
                    budgetBytes, source, local);
        }
        List<Integer> unknown = unknownComprehensionRequired(request);
        if (!unknown.isEmpty()) {
            return error(header, ERROR_UNKNOWN_ATTRIBUTE, REASON_UNKNOWN_ATTRIBUTE, unknown, fingerprinted,
                    budgetBytes, source, local);
        }
        Optional<ChangeRequest> change = request.find(ChangeRequest.class);
        if (change.isPresent() && config.alternate().isEmpty()) {
            // RFC 5780 6.1: no alternate address and port, so CHANGE-REQUEST is not understood
            return error(header, ERROR_UNKNOWN_ATTRIBUTE, REASON_UNKNOWN_ATTRIBUTE, List.of(CHANGE_REQUEST),
                    fingerprinted, budgetBytes, source, local);
        }
        Optional<Padding> padding = request.find(Padding.class);
        Optional<ResponsePort> responsePort = request.find(ResponsePort.class);
        if (padding.isPresent() && responsePort.isPresent()) {
            // RFC 5780 6.1: PADDING together with RESPONSE-PORT is refused with 400
            return error(header, ERROR_BAD_REQUEST, REASON_BAD_REQUEST, List.of(), fingerprinted,
                    budgetBytes, source, local);
        }
        InetSocketAddress from = responseSource(local, change.orElse(new ChangeRequest(false, false)));
        InetSocketAddress to = responsePort
                .map(p -> new InetSocketAddress(source.getAddress(), p.port()))
                .orElse(source);
        return success(header, source, from, local, padding, fingerprinted, budgetBytes)
                .map(datagram -> new BindingReply(datagram, from, to));
    }

    private Optional<Bytes> success(StunHeader header, InetSocketAddress source, InetSocketAddress from,
            InetSocketAddress local, Optional<Padding> padding, boolean fingerprinted, int budgetBytes) {
        var xorMapped = new XorMappedAddress(source);
        var budget = new Budget(budgetBytes - HEADER_BYTES);
        if (!budget.take(xorMapped)) {
            return Optional.empty(); // cannot happen for a request of 20 bytes or more
        }
        // RFC 5780 6.1: echo PADDING rounded up to a multiple of 4
        Optional<Padding> echoedPadding = padding.map(p -> new Padding((p.lengthBytes() + 3) & ~3))
                .filter(budget::take);
        boolean fingerprint = fingerprinted && budget.takeFingerprint();
        Optional<OtherAddress> other = otherAddress(local).map(OtherAddress::new).filter(budget::take);
        Optional<ResponseOrigin> origin = Optional.of(new ResponseOrigin(from)).filter(budget::take);
        Optional<MappedAddress> mapped = Optional.of(new MappedAddress(source)).filter(budget::take);
        Optional<Software> software = config.software().map(Software::new).filter(budget::take);
        fingerprint = fingerprint || budget.takeFingerprint();

        List<StunAttribute> attributes = new ArrayList<>(7);
        attributes.add(xorMapped);
        mapped.ifPresent(attributes::add);
        origin.ifPresent(attributes::add);
        other.ifPresent(attributes::add);
        software.ifPresent(attributes::add);
        echoedPadding.ifPresent(attributes::add);
        var response = new StunMessage(StunClass.SUCCESS_RESPONSE, header.method(), header.transactionId(), attributes);
        return Optional.of(Bytes.wrapOwned(
                StunCodec.encode(response, fingerprint ? StunTrailer.FINGERPRINT : StunTrailer.NONE)));
    }

    private Optional<BindingReply> error(StunHeader header, int code, String reason, List<Integer> unknown,
            boolean fingerprinted, int budgetBytes, InetSocketAddress source, InetSocketAddress local) {
        List<StunAttribute> attributes = new ArrayList<>(3);
        attributes.add(new ErrorCode(code, reason));
        if (!unknown.isEmpty()) {
            attributes.add(new UnknownAttributes(unknown));
        }
        var budget = new Budget(budgetBytes - HEADER_BYTES);
        for (StunAttribute a : attributes) {
            if (!budget.take(a)) {
                return Optional.empty(); // cannot happen: a request carries 4 bytes per unknown type
            }
        }
        boolean fingerprint = fingerprinted && budget.takeFingerprint();
        config.software().map(Software::new).filter(budget::take).ifPresent(attributes::add);
        fingerprint = fingerprint || budget.takeFingerprint();
        var response = new StunMessage(StunClass.ERROR_RESPONSE, header.method(), header.transactionId(), attributes);
        byte[] datagram = StunCodec.encode(response, fingerprint ? StunTrailer.FINGERPRINT : StunTrailer.NONE);
        return Optional.of(new BindingReply(Bytes.wrapOwned(datagram), local, source));
    }

    /** RFC 5780 6.1 Table 1: change-IP picks the other IP, change-port the other port. */
    private InetSocketAddress responseSource(InetSocketAddress local, ChangeRequest change) {
        InetAddress ip = change.changeIp() ? otherIp(local) : local.getAddress();
        int port = change.changePort() ? otherPort(local) : local.getPort();
        return new InetSocketAddress(ip, port);
    }

    /** RFC 5780 7.4: the address differing in both IP and port from the one the request reached. */
    private Optional<InetSocketAddress> otherAddress(InetSocketAddress local) {
        return config.alternate().map(alt -> new InetSocketAddress(otherIp(local), otherPort(local)));
    }

    private InetAddress otherIp(InetSocketAddress local) {
        InetAddress primary = config.primary().getAddress();
        return local.getAddress().equals(primary) ? config.alternate().orElseThrow().getAddress() : primary;
    }

    private int otherPort(InetSocketAddress local) {
        int primary = config.primary().getPort();
        return local.getPort() == primary ? config.alternate().orElseThrow().getPort() : primary;
    }

    /** RFC 8489 6.3.1: comprehension-required types we do not know, each listed once. */
    private static List<Integer> unknownComprehensionRequired(StunMessage request) {
        Set<Integer> types = new LinkedHashSet<>();
        for (StunAttribute a : request.attributes()) {
            if (a instanceof Unknown u && u.comprehensionRequired()) {
                types.add(u.type());
            }
        }
        return List.copyOf(types);
    }

    /** Bytes left under the amplification bound. */
    private static final class Budget {
        private int remainingBytes;

        Budget(int remainingBytes) {
            this.remainingBytes = remainingBytes;
        }

        boolean take(StunAttribute a) {
            return takeBytes(StunCodec.encodedLength(a));
        }

        boolean takeFingerprint() {
            return takeBytes(ATTRIBUTE_HEADER_BYTES + 4);
        }

        private boolean takeBytes(int n) {
            if (n > remainingBytes) {
                return false;
            }
            remainingBytes -= n;
            return true;
        }
    }
}
