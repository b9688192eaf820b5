package net.overlay.core.proto.relay;

import static net.overlay.core.proto.relay.RelayFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.Arrays;
import net.overlay.core.proto.relay.AllocateResult.Allocated;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Packet;
import net.overlay.core.proto.wire.PacketCodec;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

/** The per-packet path of {@link Relay}: learning, rewriting, budgets and drop counters. */
class RelayForwardingTest {

    private Relay relay = new Relay(roomyConfig(8), RandomSource.seeded(11));
    private Allocated alloc = (Allocated) relay.allocate(0);

    private void useLimits(AllocationLimits limits) {
        relay = new Relay(roomyConfig(8), RandomSource.seeded(11));
        alloc = (Allocated) relay.allocate(0, limits);
    }

    @Test
    void nothingIsForwardedUntilTheOtherSideHasSpoken() {
        assertThat(send(relay, 0, CLIENT, relayed(alloc.clientToken(), "hello")))
                .isEqualTo(DropReason.OTHER_SIDE_UNKNOWN);
        byte[] answer = relayed(alloc.deviceToken(), "answer");
        assertThat(send(relay, MS, DEVICE, answer))
                .isEqualTo(new Verdict.Forward(0, CLIENT, alloc.clientToken()));
        byte[] next = relayed(alloc.clientToken(), "next");
        assertThat(send(relay, 2 * MS, CLIENT, next))
                .isEqualTo(new Verdict.Forward(0, DEVICE, alloc.deviceToken()));
        assertThat(relay.stats()).satisfies(s -> {
            assertThat(s.droppedOtherSideUnknown()).isEqualTo(1);
            assertThat(s.packetsForwarded()).isEqualTo(2);
            assertThat(s.bytesForwarded()).isEqualTo(answer.length + next.length);
            assertThat(s.addressesLearned()).isEqualTo(2);
        });
    }

    @Test
    void theForwardedDatagramDiffersOnlyInItsEightTokenBytes() throws Exception {
        send(relay, 0, DEVICE, relayed(alloc.deviceToken(), "d"));
        byte[] received = relayed(alloc.clientToken(), "a sealed inner packet");
        byte[] buf = new byte[received.length + 8];
        System.arraycopy(received, 0, buf, 4, received.length);
        Verdict v = relay.forward(MS, 0, CLIENT, buf, 4, received.length);
        assertThat(v).isInstanceOf(Verdict.Forward.class);
        byte[] sent = Arrays.copyOfRange(buf, 4, 4 + received.length);
        assertThat(sent).hasSameSizeAs(received);
        assertThat(Arrays.copyOfRange(sent, 0, 2)).containsExactly(0xD1 - 256, 4);
        assertThat(token(sent)).isEqualTo(alloc.deviceToken());
        assertThat(Arrays.copyOfRange(sent, 10, sent.length)).isEqualTo(Arrays.copyOfRange(received, 10, received.length));
        assertThat(buf).startsWith(0, 0, 0, 0).endsWith(0, 0, 0, 0);
        assertThat(PacketCodec.decode(Arrays.copyOf(sent, sent.length)))
                .isEqualTo(new Packet.Relayed(alloc.deviceToken(), Bytes.wrapOwned(PacketCodec.encode(inner("a sealed inner packet")))));
    }

    @Test
    void forwardingInPlaceAllocatesNothingPerPacket() {
        var threads = ManagementFactory.getThreadMXBean();
        assumeThat(threads).as("allocation counter of the HotSpot MXBean")
                .isInstanceOf(com.sun.management.ThreadMXBean.class);
        var counter = (com.sun.management.ThreadMXBean) threads;
        assumeThat(counter.isThreadAllocatedMemorySupported()).isTrue();
        counter.setThreadAllocatedMemoryEnabled(true);
        byte[] buf = relayedOfSize(alloc.clientToken(), 1200);
        send(relay, 0, DEVICE, relayed(alloc.deviceToken(), "d"));
        long sink = forwardBackAndForth(buf, 1000);
        long before = counter.getCurrentThreadAllocatedBytes();
        int packets = 100_000;
        sink += forwardBackAndForth(buf, packets);
        long allocatedBytes = counter.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).as("every datagram forwarded").isEqualTo(101_000);
        // slack for the counter's own bookkeeping; one object per packet would be 1.6 MB or more
        assertThat(allocatedBytes).as("bytes allocated for %d packets", packets).isLessThan(1024);
    }

    /** Each forward rewrites the token to the other side's, so the same buffer bounces between them. */
    private long forwardBackAndForth(byte[] buf, int packets) {
        long forwarded = 0;
        for (int i = 0; i < packets; i++) {
            InetSocketAddress from = (i & 1) == 0 ? CLIENT : DEVICE;
            if (relay.forward(i, 0, from, buf, 0, buf.length) instanceof Verdict.Forward f && f.socket() == 0) {
                forwarded++;
            }
        }
        return forwarded;
    }

    @Test
    void theNewestSourceOfASideWinsAndRoamsAreCounted() {
        InetSocketAddress moved = address("203.0.113.77", 50123);
        send(relay, 0, CLIENT, relayed(alloc.clientToken(), "c1"));
        assertThat(send(relay, MS, DEVICE, relayed(alloc.deviceToken(), "d1"))).extracting("to").isEqualTo(CLIENT);
        // the client's NAT gave it a new mapping, and it now reaches the relay on socket 1
        assertThat(relay.forward(2 * MS, 1, moved, relayed(alloc.clientToken(), "c2"), 0, 40)).isInstanceOf(Verdict.Forward.class);
        assertThat(send(relay, 3 * MS, DEVICE, relayed(alloc.deviceToken(), "d2")))
                .isEqualTo(new Verdict.Forward(1, moved, alloc.clientToken()));
        assertThat(relay.stats().roams()).isEqualTo(1);
        assertThat(relay.status(alloc.clientToken()).orElseThrow()).satisfies(s -> {
            assertThat(s.client()).contains(moved);
            assertThat(s.device()).contains(DEVICE);
            assertThat(s.roams()).isEqualTo(1);
        });
    }

    @Test
    void theByteBudgetStopsForwardingForGoodAndIsReportedOnce() {
        useLimits(new AllocationLimits(3600 * SECOND, 1000, 1L << 30, 1L << 30));
        send(relay, 0, DEVICE, relayedOfSize(alloc.deviceToken(), 400));
        assertThat(send(relay, 0, CLIENT, relayedOfSize(alloc.clientToken(), 400))).isInstanceOf(Verdict.Forward.class);
        assertThat(send(relay, 0, CLIENT, relayedOfSize(alloc.clientToken(), 400))).isInstanceOf(Verdict.Forward.class);
        assertThat(send(relay, 0, DEVICE, relayedOfSize(alloc.deviceToken(), 201))).isEqualTo(DropReason.BUDGET_EXHAUSTED);
        // exactly the remaining 200 bytes still pass
        assertThat(send(relay, 0, DEVICE, relayedOfSize(alloc.deviceToken(), 200))).isInstanceOf(Verdict.Forward.class);
        assertThat(send(relay, SECOND, CLIENT, relayedOfSize(alloc.clientToken(), 40))).isEqualTo(DropReason.BUDGET_EXHAUSTED);
        assertThat(relay.refresh(alloc.clientToken(), 2 * SECOND)).isTrue();
        assertThat(send(relay, 3 * SECOND, CLIENT, relayedOfSize(alloc.clientToken(), 40))).isEqualTo(DropReason.BUDGET_EXHAUSTED);
        assertThat(relay.pollEvent()).isEqualTo(new RelayEvent.ByteBudgetExhausted(alloc.clientToken(), alloc.deviceToken(), 1000));
        assertThat(relay.pollEvent()).isNull();
        assertThat(relay.stats().droppedBudgetExhausted()).isEqualTo(3);
        assertThat(relay.status(alloc.clientToken()).orElseThrow().bytesForwarded()).isEqualTo(1000);
    }

    @Test
    void theTokenBucketPassesTheBurstThenTheRateInVirtualTime() {
        // 100 kB/s with the smallest burst allowed (one maximal datagram, 65,507 bytes)
        useLimits(new AllocationLimits(3600 * SECOND, 1L << 40, 100_000, 65_507));
        send(relay, 0, DEVICE, relayedOfSize(alloc.deviceToken(), 1000));
        int passed = 0;
        for (int i = 0; i < 100; i++) {
            if (send(relay, 0, CLIENT, relayedOfSize(alloc.clientToken(), 1000)) instanceof Verdict.Forward) {
                passed++;
            }
        }
        assertThat(passed).isEqualTo(65);
        assertThat(relay.stats().droppedRateLimited()).isEqualTo(35);
        // 507 bytes are left; the missing 493 refill in exactly 4.93 ms, not a nanosecond sooner
        assertThat(send(relay, 4_929_999, CLIENT, relayedOfSize(alloc.clientToken(), 1000))).isEqualTo(DropReason.RATE_LIMITED);
        assertThat(send(relay, 4_930_000, CLIENT, relayedOfSize(alloc.clientToken(), 1000))).isInstanceOf(Verdict.Forward.class);
        // a sender at twice the rate for 10 s gets the rate, not more
        long forwardedBytes = 0;
        for (long t = 20 * MS; t < 10 * SECOND + 20 * MS; t += 5 * MS) {
            if (send(relay, t, CLIENT, relayedOfSize(alloc.clientToken(), 1000)) instanceof Verdict.Forward) {
                forwardedBytes += 1000;
            }
        }
        assertThat(forwardedBytes).isBetween(999_000L, 1_001_000L);
    }

    @Test
    void aLongIdleBucketIsFullButNeverFuller() {
        useLimits(new AllocationLimits(30 * 24 * 3600 * SECOND, 1L << 40, 1, 65_507));
        // an allocation kept through 20 silent days: the relay's idle timeout set longer for this test
        relay = new Relay(roomyConfig(8).withIdleTimeoutNs(30 * 24 * 3600 * SECOND), RandomSource.seeded(11));
        alloc = (Allocated) relay.allocate(0, new AllocationLimits(30 * 24 * 3600 * SECOND, 1L << 40, 1, 65_507));
        send(relay, 0, DEVICE, relayedOfSize(alloc.deviceToken(), 1000));
        int passed = 0;
        for (int i = 0; i < 100; i++) {
            if (send(relay, 20 * 24 * 3600 * SECOND, CLIENT, relayedOfSize(alloc.clientToken(), 1000)) instanceof Verdict.Forward) {
                passed++;
            }
        }
        assertThat(passed).isEqualTo(65);
    }

    @Test
    void eachKindOfBadDatagramIsDroppedSilentlyAndCountedByItsReason() {
        send(relay, 0, DEVICE, relayed(alloc.deviceToken(), "d"));
        byte[] nested = relayed(alloc.clientToken(), "x");
        nested[11] = 4; // the inner packet's type byte: Relayed inside Relayed
        byte[] wrongVersion = relayed(alloc.clientToken(), "x");
        wrongVersion[0] = (byte) 0xD2;
        byte[] notRelayed = PacketCodec.encode(inner("direct"));
        byte[] truncated = Arrays.copyOf(relayed(alloc.clientToken(), "x"), 11);
        byte[] unknownToken = relayed(alloc.clientToken() ^ 1, "x");
        byte[] zeroToken = relayed(0, "x");
        assertThat(send(relay, 1, STRANGER, nested)).isEqualTo(DropReason.NESTED_RELAY);
        assertThat(send(relay, 1, STRANGER, wrongVersion)).isEqualTo(DropReason.UNSUPPORTED_VERSION);
        assertThat(send(relay, 1, STRANGER, notRelayed)).isEqualTo(DropReason.NOT_RELAYED);
        assertThat(send(relay, 1, STRANGER, truncated)).isEqualTo(DropReason.MALFORMED);
        assertThat(send(relay, 1, STRANGER, new byte[] {0, 1, 0, 0})).isEqualTo(DropReason.MALFORMED);
        assertThat(send(relay, 1, STRANGER, unknownToken)).isEqualTo(DropReason.UNKNOWN_TOKEN);
        assertThat(send(relay, 1, STRANGER, zeroToken)).isEqualTo(DropReason.UNKNOWN_TOKEN);
        RelayStats s = relay.stats();
        assertThat(s.droppedNestedRelay()).isEqualTo(1);
        assertThat(s.droppedUnsupportedVersion()).isEqualTo(1);
        assertThat(s.droppedNotRelayed()).isEqualTo(1);
        assertThat(s.droppedMalformed()).isEqualTo(2);
        assertThat(s.droppedUnknownToken()).isEqualTo(2);
        assertThat(s.droppedTotal()).isEqualTo(8); // the device's first packet: other side unknown
        assertThat(s.packetsForwarded()).isZero();
        assertThat(relay.status(alloc.clientToken()).orElseThrow().client()).as("no source was learned").isEmpty();
    }

    @Test
    void aFloodFromOneSourceGetsNothingBackWhateverItSends() {
        send(relay, 0, DEVICE, relayed(alloc.deviceToken(), "d"));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        int toStranger = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] d = switch (i % 3) {
                case 0 -> relayed(rnd.nextLong(), "guess");
                case 1 -> PacketCodec.encode(inner("direct"));
                default -> {
                    byte[] b = new byte[1 + rnd.nextInt(1500)];
                    rnd.nextBytes(b);
                    yield b;
                }
            };
            if (send(relay, i * MS, STRANGER, d) instanceof Verdict.Forward f && f.to().equals(STRANGER)) {
                toStranger++;
            }
        }
        assertThat(toStranger).isZero();
        assertThat(relay.stats().packetsForwarded()).isZero();
        assertThat(relay.stats().droppedTotal()).isEqualTo(10_001);
    }
}
