package net.overlay.core.proto.transport;

import static net.overlay.core.proto.transport.Impairment.MS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.CongestionControls;
import net.overlay.core.spi.cc.ReceiverHook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bulk transfers over impaired links in virtual time: every byte arrives intact and in order
 * (SHA-256 per stream), every FIN arrives, nothing stalls, the receiver never buffers more than
 * its windows, and datagrams that are not lost arrive intact. Every shipped controller runs the
 * same cases, with its receiver hook on both ends when it has one.
 */
class TransportLinkTest {
    private static final long BOUND_NS = 120_000_000_000L;

    /**
     * A controller under test: how to make the sender's controller and each end's receiver hook
     * (receiver-driven algorithms such as Sprout), and how much of the full transfer sizes to run.
     */
    record Controller(String name, Supplier<CongestionControl> cc, Supplier<ReceiverHook> hook, int sizePercent) {
        long bytes(long full) {
            return full * sizePercent / 100;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The test AIMD controller at full sizes, then every shipped controller (found as the lab
     * finds them) at a third of them, so that the whole matrix stays within seconds.
     */
    static List<Controller> controllers() {
        List<Controller> out = new ArrayList<>();
        out.add(new Controller("test-aimd", AimdController::withDefaults, () -> null, 100));
        CongestionConfig config = CongestionConfig.defaults(
                TransportConfig.DEFAULTS.maxPayloadBytes() + TransportConfig.DEFAULTS.packetOverheadBytes(), 7);
        for (CongestionControlFactory f : CongestionControls.available(TransportLinkTest.class.getClassLoader())) {
            out.add(new Controller(f.name(), () -> f.create(config), () -> f.createReceiverHook(config), 33));
        }
        return out;
    }

    static List<Impairment> impairments() {
        Impairment base = Impairment.clean(10 * MS);
        return List.of(
                base,
                base.withLoss(0.01).named("loss 1%"),
                base.withLoss(0.05).named("loss 5%"),
                base.withGilbertElliott(0.01, 0.2, 0.5).named("bursty loss (Gilbert-Elliott)"),
                base.withReordering(0.1, 8 * MS).named("reordering 10% by up to 8 ms"),
                base.withDuplication(0.05).named("duplication 5%"),
                base.withDelay(20 * MS).withBottleneck(2_500_000, 40_000).named("bottleneck 20 Mbit/s, 40 kB drop-tail"),
                base.withLoss(0.02).withReordering(0.05, 5 * MS).withDuplication(0.02)
                        .withBottleneck(5_000_000, 60_000).named("everything at once"));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Controller cc : controllers()) {
            for (Impairment imp : impairments()) {
                out.add(Arguments.of(cc, imp));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void oneStreamDeliversEveryByteInOrderWithItsFin(Controller cc, Impairment imp) {
        Result r = transfer(cc, imp, 1, cc.bytes(3_000_000), TransportConfig.DEFAULTS, 0, 0, 5 * MS);
        r.assertComplete();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void concurrentStreamsEachDeliverEveryByteInOrder(Controller cc, Impairment imp) {
        Result r = transfer(cc, imp, 6, cc.bytes(400_000), TransportConfig.DEFAULTS, 0, 0, 0);
        r.assertComplete();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void aSlowReaderIsNeverSentMoreThanItsWindows(Controller cc, Impairment imp) {
        TransportConfig small = TransportConfig.DEFAULTS.withWindows(64 * 1024, 96 * 1024);
        // The reader takes 16 kB every 5 ms (3.2 MB/s): the windows, not the link, limit the sender.
        Result r = transfer(cc, imp, 3, cc.bytes(300_000), small, 5 * MS, 16 * 1024, 0);
        r.assertComplete();
        assertThat(r.receiver.maxBufferedBytes).isLessThanOrEqualTo(small.connectionWindowBytes());
    }

    /** The controllers with a receiver-side hook (Sprout's): only they send feedback frames. */
    static List<Controller> receiverDriven() {
        List<Controller> out = controllers().stream().filter(c -> c.hook().get() != null).toList();
        assertThat(out).as("at least Sprout has a receiver hook").isNotEmpty();
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receiverDriven")
    void aReceiverDrivenControllerHearsFromItsReceiverHookThroughCcFeedbackFrames(Controller cc) {
        List<FeedbackCounter> senders = new ArrayList<>();
        Controller counted = new Controller(cc.name(), () -> {
            FeedbackCounter f = new FeedbackCounter(cc.cc().get());
            senders.add(f);
            return f;
        }, cc.hook(), cc.sizePercent());
        Impairment link = Impairment.clean(20 * MS).withBottleneck(2_500_000, 40_000).named("bottleneck");
        transfer(counted, link, 1, 500_000, TransportConfig.DEFAULTS, 0, 0, 0).assertComplete();
        assertThat(senders.getFirst().feedbacks).as("feedback reaching the client's controller").isPositive();
    }

    record Result(Impairment imp, BulkSender sender, BulkReceiver receiver, boolean done, long elapsedNs,
                  TransportPair pair) {
        void assertComplete() {
            assertThat(done).as("%s: transfer finished within %d s of virtual time", imp, BOUND_NS / 1_000_000_000L)
                    .isTrue();
            for (int i = 0; i < receiver.finished.size(); i++) {
                long id = sender.streamId(i);
                assertThat(receiver.finished.get(id)).as("SHA-256 of stream %d", id).isEqualTo(sender.digest(i));
            }
            if (sender.datagramsSent > 0) {
                assertThat(receiver.duplicateDatagrams).isZero();
                assertThat(receiver.datagrams.size()).as("datagrams delivered of %d sent", sender.datagramsSent)
                        .isGreaterThanOrEqualTo((int) (sender.datagramsSent * 0.6));
            }
        }
    }

    static Result transfer(Controller cc, Impairment imp, int streams, long bytesPerStream,
                           TransportConfig config, long readIntervalNs, int readBytes, long datagramIntervalNs) {
        BulkSender sender = new BulkSender(streams, bytesPerStream, 42, datagramIntervalNs);
        BulkReceiver receiver = new BulkReceiver(config, readIntervalNs, readBytes);
        TransportPair pair = new TransportPair(
                new Transport(config, cc.cc().get(), cc.hook().get(), true), sender,
                new Transport(config, cc.cc().get(), cc.hook().get(), false), receiver, imp, 7);
        boolean done = pair.drive(BOUND_NS, () -> receiver.finished.size() == streams && sender.allWritten());
        return new Result(imp, sender, receiver, done, pair.nowNs, pair);
    }
}
