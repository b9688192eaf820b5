package net.overlay.core.proto.agent;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Set;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.traversal.PunchConfig;
import net.overlay.core.testing.TraversalWorld;
import org.junit.jupiter.api.Test;

/**
 * A punch that fails leaves the session on the relay, and the client tries again later: here a
 * firewall on the device host drops every direct datagram for the first 20 s (so the first punch,
 * two seconds after the connect, fails), then lets them through; the second try, 35 s after the
 * first ended, goes direct. Without re-punching the session stays on the relay. The failure this
 * models was seen on the namespace testbed (a conntrack entry colliding with the first probes).
 */
class RepunchTest {
    private static final Set<String> RENDEZVOUS_IPS = Set.of("198.51.100.1", "198.51.100.2");

    /** The device's host firewall: only rendezvous and relay traffic passes while {@code blocking}. */
    private static final class Firewall implements DatagramMachine<AgentEvent> {
        final DatagramMachine<AgentEvent> inner;
        boolean blocking = true;
        int dropped;

        Firewall(DatagramMachine<AgentEvent> inner) {
            this.inner = inner;
        }

        private boolean passes(InetSocketAddress a) {
            return !blocking || RENDEZVOUS_IPS.contains(a.getAddress().getHostAddress());
        }

        @Override
        public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
            if (passes(from)) {
                inner.handleDatagram(nowNs, socket, from, buf, off, len);
            } else {
                dropped++;
            }
        }

        @Override
        public void handleTimeout(long nowNs) {
            inner.handleTimeout(nowNs);
        }

        @Override
        public Transmit pollTransmit() {
            for (Transmit t = inner.pollTransmit(); t != null; t = inner.pollTransmit()) {
                if (passes(t.to())) {
                    return t;
                }
                dropped++;
            }
            return null;
        }

        @Override
        public AgentEvent pollEvent() {
            return inner.pollEvent();
        }

        @Override
        public long pollTimeoutNs() {
            return inner.pollTimeoutNs();
        }
    }

    private TraversalWorld w;

    private boolean goesDirectAfterAnOutage(PunchConfig punch) {
        w = new TraversalWorld(41, TraversalWorld.DEFAULT_RENDEZVOUS_EDGE_NS, punch);
        w.addDevice(NatPreset.PORT_RESTRICTED, 20 * MS);
        w.addClient(NatPreset.PORT_RESTRICTED, 30 * MS);
        assertThat(w.net.runUntil(() -> w.deviceMachine().isRegistered()
                && w.has(w.client, AgentEvent.RendezvousReady.class), 20 * SECOND)).isTrue();
        Firewall firewall = new Firewall(w.device.machine());
        w.net.replaceMachine(w.device, firewall);
        w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), "camera-1", "http"));
        assertThat(w.net.runUntil(() -> w.has(w.client, AgentEvent.PeerConnected.class), 5 * SECOND)).isTrue();
        w.net.runFor(15 * SECOND);
        assertThat(w.has(w.client, AgentEvent.PathUpgraded.class)).as("no direct path through the firewall").isFalse();
        assertThat(firewall.dropped).isPositive();
        firewall.blocking = false;
        return w.net.runUntil(() -> w.has(w.client, AgentEvent.PathUpgraded.class), 60 * SECOND);
    }

    @Test
    void aSessionLeftOnTheRelayGoesDirectOnALaterTry() {
        assertThat(goesDirectAfterAnOutage(PunchConfig.DEFAULT)).isTrue();
        // The client reports each punch's outcome to the rendezvous (its punch-outcome metrics):
        // the first ended on the relay, a later one direct.
        w.net.runFor(SECOND);
        assertThat(w.rendezvousMachine().broker().stats().punchesRelayed()).isPositive();
        assertThat(w.rendezvousMachine().broker().stats().punchesDirect()).isPositive();
    }

    @Test
    void withoutRepunchingItStaysOnTheRelay() {
        assertThat(goesDirectAfterAnOutage(PunchConfig.DEFAULT.withRepunch(0, 0))).isFalse();
    }
}
