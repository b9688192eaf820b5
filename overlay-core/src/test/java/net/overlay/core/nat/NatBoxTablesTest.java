package net.overlay.core.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compact NatBox against its former self on HashMaps ({@link MapNatBox}): the same random
 * traffic (a few private hosts and ports, many remotes, time moving on, sweeps now and then) must
 * give the same translation for every packet, under every preset, and also with a port range so
 * small that ports run out and mappings are reused after they expire.
 */
class NatBoxTablesTest {
    private static final int PUBLIC_IP = Endpoints.parseIp("203.0.113.7");

    @Test
    void everyPresetTranslatesAsTheHashMapVersionDid() {
        for (NatPreset p : NatPreset.values()) {
            if (p.config() == null) continue;
            NatConfig c = p.config();
            NatConfig tiny = new NatConfig(c.mapping(), c.filtering(), c.allocation(), c.portStep(), 40000, 40015,
                    c.mappingTimeoutNs(), c.inboundRefresh(), c.hairpinning(), c.conntrackCollision(), c.udpBlocked());
            for (long seed = 1; seed <= 12; seed++) {
                compare(p.id(), c, seed);
                compare(p.id() + " (16 ports)", tiny, seed);
            }
        }
    }

    private static void compare(String name, NatConfig config, long seed) {
        NatBox box = new NatBox(config, PUBLIC_IP, new SplittableRandom(seed));
        MapNatBox oracle = new MapNatBox(config, PUBLIC_IP, new SplittableRandom(seed));
        SplittableRandom r = new SplittableRandom(seed * 7919);
        long now = 0;
        for (int step = 0; step < 6_000; step++) {
            now += r.nextLong(config.mappingTimeoutNs() / 40 + 1);
            long privateEp = Endpoints.of(Endpoints.parseIp("10.0.0.2"), 40000 + r.nextInt(4));
            long remote = Endpoints.of(Endpoints.parseIp("198.51.100.1") + r.nextInt(6), 3478 + r.nextInt(5));
            int op = r.nextInt(100);
            if (op < 50) {
                assertThat(box.outbound(now, privateEp, remote)).as("%s seed %d step %d out", name, seed, step)
                        .isEqualTo(oracle.outbound(now, privateEp, remote));
            } else if (op < 98) {
                long to = Endpoints.of(PUBLIC_IP, 40000 + r.nextInt(r.nextBoolean() ? 16 : 25536));
                assertThat(box.inbound(now, remote, to)).as("%s seed %d step %d in", name, seed, step)
                        .isEqualTo(oracle.inbound(now, remote, to));
            } else {
                box.expire(now);
                oracle.expire(now);
            }
            if (step % 500 == 0) {
                assertThat(box.activeMappings(now)).isEqualTo(oracle.activeMappings(now));
            }
        }
        assertThat(box.mappingsCreated()).isEqualTo(oracle.mappingsCreated());
        assertThat(box.droppedFiltered()).isEqualTo(oracle.droppedFiltered());
        assertThat(box.droppedPortsExhausted()).isEqualTo(oracle.droppedPortsExhausted());
        assertThat(box.collisionRemaps()).isEqualTo(oracle.collisionRemaps());
    }
}
