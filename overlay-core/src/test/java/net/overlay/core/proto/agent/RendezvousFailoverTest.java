package net.overlay.core.proto.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.wire.WireConstants;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * An agent given several rendezvous nodes, none of which answers: it tries the next node at once
 * when one is lost (issue #6: re-register within two keepalive intervals of a node failure), and
 * pauses a second only when the list wraps around, so a list of dead nodes is no hot loop. The
 * machine alone, driven by its own deadlines in virtual time; its datagrams go nowhere.
 */
class RendezvousFailoverTest {
    private static final long S = 1_000_000_000L;
    private static final InetSocketAddress A = new InetSocketAddress("192.0.2.1", 3478);
    private static final InetSocketAddress B = new InetSocketAddress("192.0.2.2", 3478);

    private record Sent(long atNs, InetSocketAddress to) {}

    @Test
    void aLostNodeIsFollowedAtOnceByTheNextAndTheListWrapsAfterAPause() {
        RandomSource random = RandomSource.seeded(8);
        Identity device = Identity.generate(random);
        Identity node = Identity.generate(random);
        AgentConfig config = AgentConfig.of(device, A, node.staticPublicKey(), node.peerId(),
                List.of(new InetSocketAddress("10.0.0.2", 40000), new InetSocketAddress("10.0.0.2", 40001),
                        new InetSocketAddress("10.0.0.2", 40002)), 0)
                .withRendezvousFallbacks(List.of(B));
        DeviceMachine m = new DeviceMachine(config, random, new DeviceId("dev-1"), Identity.generate(random).peerId(),
                List.of("http"));
        List<Sent> initiations = new ArrayList<>();
        List<Long> lostAtNs = new ArrayList<>();
        m.start(0);
        long now = 0;
        for (int step = 0; step < 100_000 && lostAtNs.size() < 3 && now < 600 * S; step++) {
            drain(m, now, initiations, lostAtNs);
            long next = m.pollTimeoutNs();
            assertThat(next).as("the agent keeps a deadline while it has no rendezvous").isNotEqualTo(DatagramMachine.NO_DEADLINE);
            now = Math.max(now, next);
            m.handleTimeout(now);
        }
        assertThat(lostAtNs).hasSizeGreaterThanOrEqualTo(3);
        // The first handshake goes to A; after A is lost, the next initiation goes to B at that very instant.
        assertThat(initiations.getFirst().to()).isEqualTo(A);
        long lostA = lostAtNs.get(0);
        Sent firstToB = initiations.stream().filter(s -> s.to().equals(B)).findFirst().orElseThrow();
        assertThat(firstToB.atNs()).isEqualTo(lostA);
        // B lost: the list wraps to A, one second later, not sooner.
        long lostB = lostAtNs.get(1);
        Sent againToA = initiations.stream().filter(s -> s.to().equals(A) && s.atNs() >= lostB).findFirst().orElseThrow();
        assertThat(againToA.atNs() - lostB).isEqualTo(S);
    }

    private static void drain(DeviceMachine m, long now, List<Sent> initiations, List<Long> lostAtNs) {
        Transmit t;
        while ((t = m.pollTransmit()) != null) {
            byte[] b = t.payload().toArray();
            if (b.length > 1 && (b[0] & 0xFF) == WireConstants.VERSION_BYTE
                    && b[1] == WireConstants.TYPE_HANDSHAKE_INITIATION) {
                initiations.add(new Sent(now, t.to()));
            }
        }
        AgentEvent e;
        while ((e = m.pollEvent()) != null) {
            if (e instanceof AgentEvent.RendezvousLost l) {
                lostAtNs.add(l.atNs());
            }
        }
    }
}
