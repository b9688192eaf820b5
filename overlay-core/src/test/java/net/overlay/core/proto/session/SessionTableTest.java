package net.overlay.core.proto.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
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

/** The endpoint's open-addressing session table against a {@code HashMap} model. */
class SessionTableTest {

    /** Random puts and removes over a small key space (many collisions and back-shifts) agree with the model. */
    @Property(tries = 200)
    void agreesWithAHashMapUnderRandomPutsAndRemoves(@ForAll("operations") List<int[]> operations) {
        SessionTable table = new SessionTable();
        Map<Integer, Object> model = new HashMap<>();
        Map<Integer, Session> sessions = new HashMap<>();
        for (int[] op : operations) {
            int key = op[1];
            if (op[0] == 0) {
                Session s = sessions.computeIfAbsent(key, k -> Fixtures.session());
                table.put(key, s);
                model.put(key, s);
            } else {
                Session s = sessions.get(key);
                boolean removed = s != null && table.remove(key, s);
                assertThat(removed).isEqualTo(s != null && model.remove(key) != null);
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        for (int key = 1; key <= 64; key++) {
            assertThat(table.get(key)).isSameAs(model.get(key));
        }
        assertThat(new HashSet<Object>(table)).isEqualTo(new HashSet<>(model.values()));
    }

    @Provide
    Arbitrary<List<int[]>> operations() {
        Arbitrary<int[]> op = Arbitraries.integers().between(0, 2).flatMap(kind -> Arbitraries.integers()
                .between(1, 64).map(key -> new int[] {kind == 2 ? 0 : kind, key * 1_000_003}));
        return op.list().ofMaxSize(300);
    }

    @Test
    void indexZeroIsNeverFoundAndNeverStored() {
        SessionTable table = new SessionTable();

        assertThat(table.get(0)).isNull();
        assertThat(table.remove(0, null)).isFalse();
        assertThatThrownBy(() -> table.put(0, Fixtures.session()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removeLeavesAnEntryThatMapsToAnotherSession() {
        SessionTable table = new SessionTable();
        Session a = Fixtures.session();
        Session b = Fixtures.session();
        table.put(7, a);

        assertThat(table.remove(7, b)).isFalse();
        assertThat(table.get(7)).isSameAs(a);
    }

    @Test
    void growsPastItsFirstCapacityAndKeepsEveryEntry() {
        SessionTable table = new SessionTable();
        Session s = Fixtures.session();
        for (int key = 1; key <= 10_000; key++) {
            table.put(key, s);
        }

        assertThat(table.size()).isEqualTo(10_000);
        for (int key = 1; key <= 10_000; key++) {
            assertThat(table.get(key)).isSameAs(s);
        }
        assertThat(table.get(10_001)).isNull();
    }

    /** Distinct sessions to store (never started): the table never looks inside them. */
    private static final class Fixtures {
        private static final SessionEndpoint ENDPOINT = new SessionEndpoint(SessionEndpointConfig.DEFAULT,
                NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S), DhKeyPair.generate(RandomSource.seeded(1)),
                RandomSource.seeded(2), (now, rs, p) -> new Authorizer.Reject("no"));

        static Session session() {
            return new Session(ENDPOINT, SessionTuning.DEFAULT, RandomSource.seeded(3), true, 1, null, 0);
        }
    }
}
