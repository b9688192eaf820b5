package net.overlay.core.proto.stun;

import static net.overlay.core.proto.stun.StunCodecTest.address;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.overlay.core.proto.stun.StunAttribute.*;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

/** The client transaction in virtual time, wired to a responder in memory. */
class BindingTransactionTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 7 * MS;
    private static final InetSocketAddress PRIMARY = address("198.51.100.1", 3478);
    private static final InetSocketAddress ALTERNATE = address("198.51.100.2", 3479);
    /** What the server sees: the client's mapping on its NAT. */
    private static final InetSocketAddress MAPPED = address("203.0.113.9", 61000);

    @Test
    void retransmitsAtRfc8489ScheduleThenTimesOutAt39500Ms() {
        BindingTransaction t = start(Optional.empty(), StunClientConfig.DEFAULT);
        List<Long> sendTimesMs = new ArrayList<>();
        long now = T0;
        while (true) {
            while (t.pollTransmit().isPresent()) {
                sendTimesMs.add((now - T0) / MS);
            }
            long deadline = t.pollTimeoutNs();
            if (deadline == Long.MAX_VALUE) {
                break;
            }
            now = deadline;
            t.handleTimeout(now);
        }
        assertThat(sendTimesMs).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(now - T0).isEqualTo(39_500 * MS);
        assertThat(t.outcome()).contains(new BindingOutcome.TimedOut(7));
    }

    @Test
    void earlyTimeoutCallsChangeNothing() {
        BindingTransaction t = start(Optional.empty(), StunClientConfig.DEFAULT);
        t.pollTransmit();
        t.handleTimeout(T0 + 499 * MS);
        assertThat(t.pollTransmit()).isEmpty();
        assertThat(t.pollTimeoutNs()).isEqualTo(T0 + 500 * MS);
    }

    @Test
    void lateDriverKeepsTheScheduleAnchoredToDeadlines() {
        BindingTransaction t = start(Optional.empty(), StunClientConfig.DEFAULT);
        t.pollTransmit();
        t.handleTimeout(T0 + 900 * MS); // 400 ms late
        assertThat(t.pollTransmit()).isPresent();
        assertThat(t.pollTimeoutNs()).isEqualTo(T0 + 1500 * MS);
    }

    @Test
    void answerFromTheResponderGivesMappedAddressOriginAndOtherAddress() {
        var server = new BindingResponder(BindingResponderConfig.withAlternate(PRIMARY, ALTERNATE, "overlay"));
        BindingTransaction t = start(Optional.empty(), StunClientConfig.DEFAULT.withPaddingBytes(32));
        BindingReply reply = deliver(t.pollTransmit().orElseThrow(), server, PRIMARY).orElseThrow();
        assertThat(handle(t, reply)).isTrue();
        assertThat(t.outcome()).contains(new BindingOutcome.Success(MAPPED, Optional.of(PRIMARY),
                Optional.of(ALTERNATE), PRIMARY, 1));
        assertThat(t.pollTimeoutNs()).isEqualTo(Long.MAX_VALUE);
        assertThat(t.pollTransmit()).isEmpty();
    }

    @Test
    void changeRequestAnswerFromTheAlternateAddressStillMatches() {
        var server = new BindingResponder(BindingResponderConfig.withAlternate(PRIMARY, ALTERNATE, "overlay"));
        BindingTransaction t = start(Optional.of(new ChangeRequest(true, true)), StunClientConfig.DEFAULT);
        BindingReply reply = deliver(t.pollTransmit().orElseThrow(), server, PRIMARY).orElseThrow();
        assertThat(reply.from()).isEqualTo(ALTERNATE);
        assertThat(handle(t, reply)).isTrue();
        var success = (BindingOutcome.Success) t.outcome().orElseThrow();
        assertThat(success.mapped()).isEqualTo(MAPPED);
        assertThat(success.respondedFrom()).isEqualTo(ALTERNATE);
        assertThat(success.responseOrigin()).contains(ALTERNATE);
    }

    @Test
    void lostFirstRequestIsAnsweredOnTheRetransmission() {
        var server = new BindingResponder(BindingResponderConfig.single(PRIMARY, "overlay"));
        BindingTransaction t = start(Optional.empty(), StunClientConfig.DEFAULT);
        t.pollTransmit(); // lost
        t.handleTimeout(t.pollTimeoutNs());
        BindingReply reply = deliver(t.pollTransmit().orElseThrow(), server, PRIMARY).orElseThrow();
        assertThat(handle(t, reply)).isTrue();
        assertThat(((BindingOutcome.Success) t.outcome().orElseThrow()).transmits()).isEqualTo(2);
    }

    @Test
    void errorResponseEndsTheTransactionWithItsCode() {
        var server = new BindingResponder(BindingResponderConfig.single(PRIMARY, "overlay"));
        BindingTransaction t = start(Optional.of(new ChangeRequest(true, false)), StunClientConfig.DEFAULT);
        BindingReply reply = deliver(t.pollTransmit().orElseThrow(), server, PRIMARY).orElseThrow();
        assertThat(handle(t, reply)).isTrue();
        assertThat(t.outcome()).contains(new BindingOutcome.ErrorResponse(420, "Unknown Attribute", List.of(0x0003)));
    }

    @Test
    void responsesToOtherTransactionsAndNonResponsesAreNotConsumed() {
        BindingTransaction t = start(Optional.empty(), StunClientConfig.DEFAULT);
        var other = TransactionId.fromHex("000000000000000000000001");
        byte[] foreign = StunCodec.encode(new StunMessage(StunClass.SUCCESS_RESPONSE, 1, other,
                List.of(new XorMappedAddress(MAPPED))));
        byte[] request = StunCodec.encode(StunMessage.bindingRequest(t.transactionId(), List.of()));
        assertThat(t.handleDatagram(T0, PRIMARY, foreign, 0, foreign.length)).isFalse();
        assertThat(t.handleDatagram(T0, PRIMARY, request, 0, request.length)).isFalse();
        assertThat(t.handleDatagram(T0, PRIMARY, new byte[] {(byte) 0xD0, 1, 2}, 0, 3)).isFalse();
        assertThat(t.isDone()).isFalse();
    }

    @Test
    void successWithoutAMappedAddressIsAnInvalidOutcome() {
        BindingTransaction t = start(Optional.empty(), StunClientConfig.DEFAULT);
        byte[] b = StunCodec.encode(new StunMessage(StunClass.SUCCESS_RESPONSE, 1, t.transactionId(), List.of()));
        assertThat(t.handleDatagram(T0, PRIMARY, b, 0, b.length)).isTrue();
        assertThat(t.outcome().orElseThrow()).isInstanceOf(BindingOutcome.Invalid.class);
    }

    @Test
    void transactionIdComesFromTheInjectedKeyStream() {
        var config = StunClientConfig.DEFAULT;
        var a = BindingTransaction.start(T0, RandomSource.seeded(42), PRIMARY, Optional.empty(), config);
        var b = BindingTransaction.start(T0, RandomSource.seeded(42), PRIMARY, Optional.empty(), config);
        var c = BindingTransaction.start(T0, RandomSource.seeded(43), PRIMARY, Optional.empty(), config);
        assertThat(a.transactionId()).isEqualTo(b.transactionId()).isNotEqualTo(c.transactionId());
    }

    @Test
    void requestCarriesChangeRequestPaddingAndFingerprint() throws StunException {
        BindingTransaction t = start(Optional.of(new ChangeRequest(false, true)),
                StunClientConfig.DEFAULT.withPaddingBytes(16));
        StunTransmit tx = t.pollTransmit().orElseThrow();
        byte[] b = tx.datagram().toArray();
        assertThat(tx.to()).isEqualTo(PRIMARY);
        assertThat(StunCodec.decode(b, 0, b.length).attributes()).containsExactly(new ChangeRequest(false, true),
                new Padding(16), new Fingerprint(StunWriter.u32(b, b.length - 4)));
        assertThat(StunIntegrity.checkFingerprint(b, 0, b.length)).isEqualTo(StunIntegrity.Check.VALID);
    }

    private static BindingTransaction start(Optional<ChangeRequest> change, StunClientConfig config) {
        return BindingTransaction.start(T0, RandomSource.seeded(7), PRIMARY, change, config);
    }

    /** Carries a request through the client's NAT (source becomes MAPPED) to the server. */
    private static Optional<BindingReply> deliver(StunTransmit tx, BindingResponder server, InetSocketAddress local) {
        byte[] b = tx.datagram().toArray();
        return server.handleRequest(b, 0, b.length, MAPPED, local);
    }

    private static boolean handle(BindingTransaction t, BindingReply reply) {
        byte[] b = reply.datagram().toArray();
        return t.handleDatagram(T0 + 30 * MS, reply.from(), b, 0, b.length);
    }
}
