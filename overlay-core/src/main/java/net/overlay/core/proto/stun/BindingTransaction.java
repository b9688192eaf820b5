package net.overlay.core.proto.stun;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.overlay.core.proto.stun.StunAttribute.*;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * One client Binding transaction over UDP (RFC 8489 6.2.1), sans-IO: the device agent's NAT
 * discovery starts one per probe and drives it with {@link #handleTimeout}, {@link #handleDatagram}
 * and the poll methods, in quinn's order: {@link #pollTransmit()}, then {@link #pollTimeoutNs()},
 * then {@link #outcome()}.
 *
 * <p>Retransmission: the request goes out at once, then after RTO, 2 RTO, 4 RTO... until Rc
 * requests were sent; if nothing arrived Rm x RTO after the last one, the transaction times out.
 * With the defaults that is sends at 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s and a timeout at 39.5 s.
 * Each step is scheduled from the previous deadline, not from when the driver got round to it.
 *
 * <p>The response is matched by transaction id only: with CHANGE-REQUEST it legitimately comes
 * from another address, and the 96 random bits are what keeps off-path forgers out. Not
 * thread-safe: one driver owns it.
 */
public final class BindingTransaction {
    private final StunClientConfig config;
    private final InetSocketAddress server;
    private final TransactionId id;
    private final Bytes request;
    private int transmits;
    private boolean transmitPending;
    private long intervalNs;
    private long deadlineNs;
    private BindingOutcome outcome;

    private BindingTransaction(StunClientConfig config, InetSocketAddress server, TransactionId id, Bytes request) {
        this.config = config;
        this.server = server;
        this.id = id;
        this.request = request;
    }

    /**
     * Builds the request (transaction id from {@code random}'s key stream) and queues its first send.
     *
     * @param change RFC 5780 CHANGE-REQUEST to include, if any
     */
    public static BindingTransaction start(long nowNs, RandomSource random, InetSocketAddress server,
            Optional<ChangeRequest> change, StunClientConfig config) {
        return start(nowNs, random, server, change.<List<StunAttribute>>map(List::of).orElse(List.of()), config);
    }

    /**
     * Like {@link #start(long, RandomSource, InetSocketAddress, Optional, StunClientConfig)} with any
     * request attributes, e.g. RFC 5780 RESPONSE-PORT for a binding-lifetime test; PADDING is still
     * added from {@code config}.
     */
    public static BindingTransaction start(long nowNs, RandomSource random, InetSocketAddress server,
            List<StunAttribute> requestAttributes, StunClientConfig config) {
        Objects.requireNonNull(server, "server");
        TransactionId id = TransactionId.random(random);
        List<StunAttribute> attributes = new ArrayList<>(requestAttributes.size() + 1);
        attributes.addAll(requestAttributes);
        if (config.paddingBytes() > 0) {
            attributes.add(new Padding(config.paddingBytes()));
        }
        byte[] bytes = StunCodec.encode(StunMessage.bindingRequest(id, attributes),
                config.fingerprint() ? StunTrailer.FINGERPRINT : StunTrailer.NONE);
        BindingTransaction t = new BindingTransaction(config, server, id, Bytes.wrapOwned(bytes));
        t.transmits = 1;
        t.transmitPending = true;
        t.intervalNs = config.initialRtoNs();
        t.deadlineNs = nowNs + t.waitAfterSendNs();
        return t;
    }

    public TransactionId transactionId() {
        return id;
    }

    /** The next datagram to send, once per (re)transmission. */
    public Optional<StunTransmit> pollTransmit() {
        if (!transmitPending) {
            return Optional.empty();
        }
        transmitPending = false;
        return Optional.of(new StunTransmit(server, request));
    }

    /** When {@link #handleTimeout} is next due; {@code Long.MAX_VALUE} once finished. */
    public long pollTimeoutNs() {
        return outcome == null ? deadlineNs : Long.MAX_VALUE;
    }

    /** Retransmits or gives up when the deadline has passed; otherwise does nothing. */
    public void handleTimeout(long nowNs) {
        if (outcome != null || nowNs < deadlineNs) {
            return;
        }
        if (transmits >= config.maxTransmits()) {
            outcome = new BindingOutcome.TimedOut(transmits);
            transmitPending = false;
            return;
        }
        transmits++;
        transmitPending = true;
        intervalNs *= 2;
        deadlineNs += waitAfterSendNs();
    }

    /**
     * Offers a received datagram. Returns true when it was this transaction's response (which
     * ends the transaction), false when it was anything else and should go elsewhere or be dropped.
     */
    public boolean handleDatagram(long nowNs, InetSocketAddress from, byte[] buf, int off, int len) {
        if (outcome != null) {
            return false;
        }
        StunMessage response;
        try {
            response = StunCodec.decode(buf, off, len);
        } catch (StunException e) {
            return false;
        }
        boolean isResponse = response.messageClass() == StunClass.SUCCESS_RESPONSE
                || response.messageClass() == StunClass.ERROR_RESPONSE;
        if (!isResponse || response.method() != StunConstants.METHOD_BINDING || !response.transactionId().equals(id)
                || StunIntegrity.checkFingerprint(buf, off, len) == StunIntegrity.Check.INVALID) {
            return false;
        }
        outcome = interpret(response, from);
        transmitPending = false;
        return true;
    }

    /** The result once the transaction has finished. */
    public Optional<BindingOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    public boolean isDone() {
        return outcome != null;
    }

    private BindingOutcome interpret(StunMessage response, InetSocketAddress from) {
        for (StunAttribute a : response.attributes()) {
            if (a instanceof Unknown u && u.comprehensionRequired()) {
                // RFC 8489 6.3.3/6.3.4: such a response means the transaction failed
                return new BindingOutcome.Invalid(
                        String.format("unknown comprehension-required attribute 0x%04x", u.type()));
            }
        }
        if (response.messageClass() == StunClass.ERROR_RESPONSE) {
            return response.find(ErrorCode.class)
                    .<BindingOutcome>map(e -> new BindingOutcome.ErrorResponse(e.code(), e.reason(),
                            response.find(UnknownAttributes.class).map(UnknownAttributes::types).orElse(List.of())))
                    .orElse(new BindingOutcome.Invalid("error response without ERROR-CODE"));
        }
        Optional<InetSocketAddress> mapped = response.find(XorMappedAddress.class).map(XorMappedAddress::address)
                .or(() -> response.find(MappedAddress.class).map(MappedAddress::address));
        return mapped.<BindingOutcome>map(m -> new BindingOutcome.Success(m,
                        response.find(ResponseOrigin.class).map(ResponseOrigin::address),
                        response.find(OtherAddress.class).map(OtherAddress::address),
                        from, transmits))
                .orElse(new BindingOutcome.Invalid("success response without a mapped address"));
    }

    /** RFC 8489 6.2.1: the doubling RTO between sends, Rm x initial RTO after the last one. */
    private long waitAfterSendNs() {
        return transmits < config.maxTransmits()
                ? intervalNs
                : config.lastWaitFactor() * config.initialRtoNs();
    }
}
