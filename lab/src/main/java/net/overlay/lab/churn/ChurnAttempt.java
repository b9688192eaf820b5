package net.overlay.lab.churn;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.proto.session.PingProbe;
import net.overlay.core.proto.session.Session;
import net.overlay.core.proto.traversal.PunchConfig;
import net.overlay.core.testing.TraversalWorld;

/**
 * One churn attempt: the full protocol between a device and a client behind the pair's NATs on a
 * fresh {@link TraversalWorld}, a session with pings inside ({@link PingProbe}), time to move to a
 * direct path, then one event: the rendezvous node down for {@code downS} and restarted without
 * soft state, the device's NAT forgetting every mapping, or (for a session left on the relay) the
 * relay node down for {@code downS}, after which the client connects again once its session ended.
 * Stateless; each call builds its own world, so attempts may run on several threads at once.
 */
final class ChurnAttempt {
    /** Virtual time the agents get for discovery and registration before the connect. */
    private static final long SETUP_LIMIT_NS = 20 * SECOND;
    /** Virtual time a connect gets to bring a session up. */
    private static final long CONNECT_LIMIT_NS = 10 * SECOND;

    /** How an attempt went; {@code ok} is the only one with measurements. */
    enum Outcome { OK, NO_RENDEZVOUS, NO_SESSION, NOT_RELAYED, STALLED }

    /**
     * Events one attempt may process. A normal attempt needs tens of thousands; the cap turns a
     * simulation that stops advancing virtual time (seen after short rendezvous outages) into a
     * {@code stalled} row instead of a run that never ends.
     */
    static final long MAX_EVENTS = 1_000_000;

    /** Runs the world's events with a cap on their number, shared by every step of one attempt. */
    private static final class Clock {
        private final TraversalWorld w;
        private long events;

        Clock(TraversalWorld w) {
            this.w = w;
        }

        boolean until(java.util.function.BooleanSupplier done, long maxDurationNs) {
            w.net.runUntil(() -> done.getAsBoolean() || ++events > MAX_EVENTS, Math.max(0, maxDurationNs));
            return !stalled() && done.getAsBoolean();
        }

        void runFor(long durationNs) {
            until(() -> false, durationNs);
        }

        boolean stalled() {
            return events > MAX_EVENTS;
        }
    }

    /**
     * What one attempt measured; times in ms, NaN where the thing did not happen within the window.
     *
     * @param direct whether the session was on a direct path when the event came
     * @param registeredMs from the restart (node back) or the roam to the device registered again
     * @param survived no PeerClosed on either side from the event to the end of the window
     * @param dataMs from the start of the disruption (node down, or roam) to the first echo of a ping
     *     sent from then on, in the original session
     * @param closedMs from the start of the disruption to the first PeerClosed
     * @param newSessionMs relay death: from the node's return to a new session up
     */
    record Result(ChurnSettings.Pair pair, String event, int attempt, long seed, int deviceLatencyMs,
            int clientLatencyMs, Outcome outcome, boolean direct, double registeredMs, boolean survived, double dataMs,
            double closedMs, double newSessionMs) {

        static Result failed(ChurnSettings.Pair pair, String event, int attempt, long seed, int latD, int latC,
                Outcome outcome, boolean direct) {
            return new Result(pair, event, attempt, seed, latD, latC, outcome, direct, Double.NaN, false, Double.NaN,
                    Double.NaN, Double.NaN);
        }
    }

    private ChurnAttempt() {}

    static Result run(ChurnSettings.Pair pair, String event, int attempt, long seed, ChurnSettings s) {
        SplittableRandom random = new SplittableRandom(seed);
        int latD = draw(random, s.latencyMinMs(), s.latencyMaxMs());
        int latC = draw(random, s.latencyMinMs(), s.latencyMaxMs());
        TraversalWorld w = new TraversalWorld(random.nextLong(), s.rendezvousLatencyMs() * MS, PunchConfig.DEFAULT);
        w.addDevice(pair.device(), latD * MS);
        w.deviceMachine().setPayloadFactory(PingProbe::echoer);
        w.addClient(pair.client(), latC * MS);
        Clock clock = new Clock(w);
        if (!clock.until(() -> w.deviceMachine().isRegistered() && w.has(w.client, AgentEvent.RendezvousReady.class),
                SETUP_LIMIT_NS)) {
            return Result.failed(pair, event, attempt, seed, latD, latC, Outcome.NO_RENDEZVOUS, false);
        }
        connect(w);
        if (!clock.until(() -> w.has(w.client, AgentEvent.PeerConnected.class), CONNECT_LIMIT_NS)) {
            return Result.failed(pair, event, attempt, seed, latD, latC, Outcome.NO_SESSION, false);
        }
        List<long[]> echoes = new ArrayList<>(); // {sent, arrived}
        Session session = w.events(w.client, AgentEvent.PeerConnected.class).getFirst().session();
        PingProbe probe = PingProbe.pinger(session, s.pingIntervalMs() * MS,
                (sentNs, arrivedNs, pingerDirect, echoerDirect) -> echoes.add(new long[] {sentNs, arrivedNs}));
        w.net.act(w.client, c -> session.attach(probe));
        boolean direct = clock.until(() -> w.has(w.client, AgentEvent.PathUpgraded.class)
                && w.has(w.device, AgentEvent.PathUpgraded.class), s.settleS() * SECOND);
        if (event.equals(ChurnSettings.RELAY_DEATH) && direct) {
            return Result.failed(pair, event, attempt, seed, latD, latC, Outcome.NOT_RELAYED, true);
        }
        long disruptNs = w.net.nowNs();
        long eventNs;
        double registeredMs;
        if (event.equals(ChurnSettings.DEVICE_ROAM)) {
            // The NAT forgets every mapping (a reboot, a handover): the device's next packets leave from new ports.
            // A device without a NAT has nothing to forget; it then never changes address.
            if (w.deviceSite != w.net.internet()) {
                w.deviceSite.nat().expire(Long.MAX_VALUE);
            }
            eventNs = disruptNs;
            boolean again = clock.until(() -> addressChangedSince(w, eventNs), s.observeS() * SECOND);
            registeredMs = again ? ms(firstAddressChangeSince(w, eventNs) - eventNs) : Double.NaN;
        } else {
            w.net.setDown(w.rendezvous, true);
            clock.runFor(s.downS() * SECOND);
            w.restartRendezvous();
            eventNs = w.net.nowNs();
            boolean again = clock.until(() -> online(w), s.observeS() * SECOND);
            registeredMs = again ? ms(w.net.nowNs() - eventNs) : Double.NaN;
        }
        long endNs = eventNs + s.observeS() * SECOND;
        double newSessionMs = Double.NaN;
        if (event.equals(ChurnSettings.RELAY_DEATH)) {
            newSessionMs = reconnect(w, clock, eventNs, endNs);
        }
        if (w.net.nowNs() < endNs) {
            clock.runFor(endNs - w.net.nowNs());
        }
        if (clock.stalled()) {
            return Result.failed(pair, event, attempt, seed, latD, latC, Outcome.STALLED, direct);
        }
        long closedNs = firstCloseNs(w);
        // The first echo of a ping sent at or after the disruption: when data flowed again.
        long echoNs = echoes.stream().filter(e -> e[0] >= disruptNs).mapToLong(e -> e[1]).min().orElse(-1);
        return new Result(pair, event, attempt, seed, latD, latC, Outcome.OK, direct, registeredMs, closedNs < 0,
                echoNs < 0 ? Double.NaN : ms(echoNs - disruptNs), closedNs < 0 ? Double.NaN : ms(closedNs - disruptNs),
                newSessionMs);
    }

    /**
     * After a relay death: waits until the first session ended, the device is registered again and the
     * client has its rendezvous session back, connects again, and returns the time from the node's
     * return ({@code eventNs}) to the new session up; NaN if that did not happen before {@code endNs}.
     */
    private static double reconnect(TraversalWorld w, Clock clock, long eventNs, long endNs) {
        boolean ready = clock.until(() -> firstCloseNs(w) >= 0 && online(w)
                && w.events(w.client, AgentEvent.RendezvousReady.class).getLast().atNs() >= eventNs,
                endNs - w.net.nowNs());
        if (!ready) {
            return Double.NaN;
        }
        int before = w.events(w.client, AgentEvent.PeerConnected.class).size();
        connect(w);
        boolean up = clock.until(() -> w.events(w.client, AgentEvent.PeerConnected.class).size() > before,
                Math.max(0, endNs - w.net.nowNs()));
        return up ? ms(w.events(w.client, AgentEvent.PeerConnected.class).getLast().atNs() - eventNs) : Double.NaN;
    }

    private static void connect(TraversalWorld w) {
        w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), TraversalWorld.CAMERA.name(), "http"));
    }

    private static boolean online(TraversalWorld w) {
        return w.rendezvousMachine().broker().isOnline(w.net.nowNs(), TraversalWorld.CAMERA);
    }

    private static boolean addressChangedSince(TraversalWorld w, long fromNs) {
        return firstAddressChangeSince(w, fromNs) >= 0;
    }

    private static long firstAddressChangeSince(TraversalWorld w, long fromNs) {
        return w.events(w.device, AgentEvent.AddressChanged.class).stream().mapToLong(AgentEvent.AddressChanged::atNs)
                .filter(t -> t >= fromNs).min().orElse(-1);
    }

    /** The first PeerClosed on either side, or -1. */
    private static long firstCloseNs(TraversalWorld w) {
        long c = w.events(w.client, AgentEvent.PeerClosed.class).stream().mapToLong(AgentEvent.PeerClosed::atNs)
                .min().orElse(Long.MAX_VALUE);
        long d = w.events(w.device, AgentEvent.PeerClosed.class).stream().mapToLong(AgentEvent.PeerClosed::atNs)
                .min().orElse(Long.MAX_VALUE);
        long first = Math.min(c, d);
        return first == Long.MAX_VALUE ? -1 : first;
    }

    static int draw(SplittableRandom random, int low, int high) {
        return low == high ? low : low + random.nextInt(high - low + 1);
    }

    private static double ms(long ns) {
        return ns / (double) MS;
    }
}
