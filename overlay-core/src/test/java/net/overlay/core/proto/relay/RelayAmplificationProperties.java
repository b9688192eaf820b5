package net.overlay.core.proto.relay;

import static net.overlay.core.proto.relay.RelayFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.relay.AllocateResult.Allocated;
import net.overlay.core.proto.wire.PacketCodec;
import net.overlay.core.spi.RandomSource;

/**
 * The amplification argument of docs/relay.md, checked over random sequences of datagrams from
 * random sources (tokens of live, expired and released allocations, guessed tokens, garbage,
 * packets of other types, nested relays) and rendezvous commands, against an independent model of
 * which addresses have proved a token: the relay sends exactly what the model predicts, only to
 * such addresses, each datagram the size of the one that caused it.
 */
class RelayAmplificationProperties {
    private static final int ALLOCATIONS = 3;
    private static final List<InetSocketAddress> SOURCES = List.of(CLIENT, DEVICE, STRANGER,
            address("203.0.113.50", 1), address("203.0.113.51", 2), address("192.0.2.7", 65535));
    private static final int KIND_RELEASE = 8;
    private static final int KIND_REFRESH = 9;

    /** One input: a datagram of {@code kind} 0-7 from a source, or a rendezvous command (8, 9). */
    record Step(int source, int socket, int kind, int allocation, int seed, long advanceNs) {}

    /** Where a side was last seen. */
    private record Seen(int socket, InetSocketAddress address) {}

    /** The model's view of one allocation. */
    private static final class Model {
        long clientToken;
        long deviceToken;
        long lifetimeNs;
        long expiresAtNs;
        boolean released;
        Seen client;
        Seen device;

        boolean live(long nowNs) {
            return !released && nowNs < expiresAtNs;
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void theRelaySendsOnlyToAddressesThatProvedATokenAndNeverMoreThanItReceived(
            @ForAll("steps") List<Step> steps, @ForAll("lifetimes") List<Long> lifetimesNs) {
        RelayMachine machine = new RelayMachine(roomyConfig(ALLOCATIONS), RandomSource.seeded(steps.size()));
        Model[] models = new Model[ALLOCATIONS];
        for (int i = 0; i < ALLOCATIONS; i++) {
            AllocationLimits limits = new AllocationLimits(lifetimesNs.get(i), 1L << 40, 1L << 33,
                    AllocationLimits.MAX_BURST_BYTES);
            Allocated a = (Allocated) machine.relay().allocate(0, limits);
            models[i] = new Model();
            models[i].clientToken = a.clientToken();
            models[i].deviceToken = a.deviceToken();
            models[i].lifetimeNs = limits.lifetimeNs();
            models[i].expiresAtNs = a.expiresAtNs();
        }
        Set<InetSocketAddress> proved = new HashSet<>();
        Map<InetSocketAddress, Long> bytesSentTo = new HashMap<>();
        long bytesIn = 0;
        long bytesOut = 0;
        long nowNs = 0;
        for (Step step : steps) {
            nowNs += step.advanceNs();
            if (machine.pollTimeoutNs() <= nowNs) {
                machine.handleTimeout(nowNs);
            }
            Model m = models[step.allocation()];
            if (step.kind() == KIND_RELEASE) {
                machine.relay().release(m.clientToken);
                m.released = true;
                continue;
            }
            if (step.kind() == KIND_REFRESH) {
                assertThat(machine.relay().refresh(m.deviceToken, nowNs)).isEqualTo(m.live(nowNs));
                if (m.live(nowNs)) {
                    m.expiresAtNs = Math.max(m.expiresAtNs, nowNs + m.lifetimeNs);
                }
                continue;
            }
            InetSocketAddress from = SOURCES.get(step.source());
            byte[] datagram = datagram(step, m);
            Seen expected = null;
            long expectedToken = 0;
            boolean validToken = step.kind() < 4 && m.live(nowNs);
            if (validToken) {
                proved.add(from);
                Seen here = new Seen(step.socket(), from);
                boolean fromClient = step.kind() < 2;
                if (fromClient) {
                    m.client = here;
                } else {
                    m.device = here;
                }
                expected = fromClient ? m.device : m.client;
                expectedToken = fromClient ? m.deviceToken : m.clientToken;
            }
            machine.handleDatagram(nowNs, step.socket(), from, datagram, 0, datagram.length);
            bytesIn += datagram.length;
            Transmit t = machine.pollTransmit();
            assertThat(machine.pollTransmit()).as("one datagram in, at most one out").isNull();
            if (expected == null) {
                assertThat(t).as("nothing to send for %s", step).isNull();
                continue;
            }
            assertThat(t).isNotNull();
            assertThat(proved).contains(t.to());
            assertThat(new Seen(t.socket(), t.to())).isEqualTo(expected);
            assertThat(t.payload().length()).isEqualTo(datagram.length);
            assertThat(token(t.payload().toArray())).isEqualTo(expectedToken);
            bytesOut += t.payload().length();
            bytesSentTo.merge(t.to(), (long) t.payload().length(), Long::sum);
        }
        for (InetSocketAddress source : SOURCES) {
            if (!proved.contains(source)) {
                assertThat(bytesSentTo.getOrDefault(source, 0L)).as("bytes sent to unproved %s", source).isZero();
            }
        }
        assertThat(bytesOut).isLessThanOrEqualTo(bytesIn);
        assertThat(machine.relay().stats().bytesForwarded()).isEqualTo(bytesOut);
    }

    private static byte[] datagram(Step step, Model m) {
        SplittableRandom rnd = new SplittableRandom(step.seed());
        int size = 40 + rnd.nextInt(300);
        return switch (step.kind()) {
            case 0, 1 -> relayedOfSize(m.clientToken, size);
            case 2, 3 -> relayedOfSize(m.deviceToken, size);
            case 4 -> relayedOfSize(rnd.nextLong(), size);
            case 5 -> {
                byte[] garbage = new byte[1 + rnd.nextInt(300)];
                rnd.nextBytes(garbage);
                yield garbage;
            }
            case 6 -> PacketCodec.encode(inner("direct"));
            default -> {
                // a live token around a Relayed inner packet: refused before anything is learned
                byte[] nested = relayedOfSize(rnd.nextBoolean() ? m.clientToken : m.deviceToken, size);
                nested[11] = 4;
                yield nested;
            }
        };
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, SOURCES.size() - 1),
                Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, ALLOCATIONS - 1),
                Arbitraries.integers(),
                Arbitraries.longs().between(0, 200 * MS)).as(Step::new);
        return step.list().ofMaxSize(150);
    }

    @Provide
    Arbitrary<List<Long>> lifetimes() {
        return Arbitraries.longs().between(SECOND, 5 * SECOND).list().ofSize(ALLOCATIONS);
    }
}
