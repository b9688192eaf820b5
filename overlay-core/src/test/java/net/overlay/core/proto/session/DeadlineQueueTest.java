package net.overlay.core.proto.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

/** {@link DeadlineQueue} against a map of deadlines: any sequence of arms, removals and polls. */
class DeadlineQueueTest {
    private static final int SESSIONS = 24;

    /** Sessions the queue can hold; never registered anywhere, only their queue fields are used. */
    private static Session[] sessions(int n) {
        RandomSource random = RandomSource.seeded(1);
        SessionEndpoint host = new SessionEndpoint(SessionEndpointConfig.DEFAULT,
                NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S), DhKeyPair.generate(random), random,
                Authorizer.acceptAll());
        Session[] out = new Session[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Session(host, SessionTuning.DEFAULT, random, true, i + 1, null, 0);
        }
        return out;
    }

    /** One step: op 0-5 arms (a deadline, or none for 5), 6 removes, 7 polls what is due at {@code value}. */
    record Op(int op, int session, long value) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        return Arbitraries.integers().between(0, 7)
                .flatMap(op -> Arbitraries.integers().between(0, SESSIONS - 1)
                        .flatMap(s -> Arbitraries.longs().between(0, 200).map(v -> new Op(op, s, v))))
                .list().ofMaxSize(400);
    }

    @Property(tries = 300)
    void theTopIsAlwaysTheEarliestDeadlineAndPollsTakeOnlyDueSessions(@ForAll("ops") List<Op> ops) {
        Session[] s = sessions(SESSIONS);
        DeadlineQueue queue = new DeadlineQueue();
        Map<Session, Long> model = new HashMap<>();
        for (Op op : ops) {
            Session x = s[op.session()];
            switch (op.op()) {
                case 5 -> {
                    queue.schedule(x, Long.MAX_VALUE);
                    model.remove(x);
                }
                case 6 -> {
                    queue.remove(x);
                    model.remove(x);
                }
                case 7 -> {
                    Session due = queue.pollDue(op.value());
                    long min = model.values().stream().min(Long::compare).orElse(Long.MAX_VALUE);
                    if (min > op.value()) {
                        assertThat(due).isNull();
                    } else {
                        assertThat(due).isNotNull();
                        assertThat(model.remove(due)).isEqualTo(min);
                    }
                }
                default -> {
                    queue.schedule(x, op.value());
                    model.put(x, op.value());
                }
            }
            assertThat(queue.peekNs()).isEqualTo(model.values().stream().min(Long::compare).orElse(Long.MAX_VALUE));
            assertThat(queue.size()).isGreaterThanOrEqualTo(model.size());
        }
        for (Session x : s) {
            assertThat(x.queueSlot >= 0).isEqualTo(model.containsKey(x));
        }
    }

    @Test
    void aDeadlineMovedLaterIsCorrectedWhenItReachesTheTop() {
        Session[] s = sessions(3);
        DeadlineQueue queue = new DeadlineQueue();
        queue.schedule(s[0], 10);
        queue.schedule(s[1], 20);
        queue.schedule(s[2], 30);
        queue.schedule(s[0], 25);

        assertThat(queue.peekNs()).isEqualTo(20);
        assertThat(queue.pollDue(24)).isSameAs(s[1]);
        assertThat(queue.pollDue(24)).isNull();
        assertThat(queue.pollDue(25)).isSameAs(s[0]);
        assertThat(queue.pollDue(100)).isSameAs(s[2]);
        assertThat(queue.peekNs()).isEqualTo(Long.MAX_VALUE);
        assertThat(queue.size()).isZero();
    }

    @Test
    void manyEqualDeadlinesAllComeOutAndTheArraysGrow() {
        Session[] s = sessions(1000);
        DeadlineQueue queue = new DeadlineQueue();
        for (Session x : s) {
            queue.schedule(x, 5);
        }
        int n = 0;
        while (queue.pollDue(5) != null) {
            n++;
        }
        assertThat(n).isEqualTo(1000);
    }
}
