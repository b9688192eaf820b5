package net.overlay.cluster.node;

import java.time.Duration;
import java.util.Objects;
import net.overlay.cluster.node.registry.DeviceEntity;
import net.overlay.core.node.MachineDriver;
import net.overlay.core.proto.rendezvous.BrokerStats;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import net.overlay.core.proto.rendezvous.Routing;
import net.overlay.core.proto.relay.RelayStats;
import net.overlay.core.proto.session.DatagramOutcome;
import net.overlay.core.proto.session.SessionStats;
import net.overlay.core.proto.signal.Candidate;
import net.overlay.core.proto.signal.Signal;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * One per node: the bridge between this node's broker (inside its {@link MachineDriver}) and the
 * cluster. It publishes the broker's {@link Routing} outputs to the device registry, serves connects
 * other nodes forward here by running them on the machine's thread ({@link MachineDriver.Act}), and
 * passes answers, misses and "device moved" notices back into the machine. When a member is
 * removed it has the broker publish its devices again at their next keepalive (the registry
 * entries on that member are lost). It also copies the machine's counters into {@link NodeMetrics}
 * once a second.
 *
 * <p>Threading: an actor. The machine is only ever touched inside {@code Act} actions, which run on
 * the driver's actor.
 */
public final class NodeRouter extends AbstractBehavior<NodeRouter.Command> {

    /** What the router accepts; the records that cross the cluster are {@link CborSerializable}. */
    public sealed interface Command {}

    /** A routing output of this node's broker (local only). */
    public record FromMachine(Routing routing) implements Command {}

    /** A forwarded connect, in its cluster form. */
    public record ConnectForwarded(WireForm.ConnectForm form) implements CborSerializable {}

    /** From the registry: serve this connect (the device is registered here), answer {@code origin}. */
    public record ServeConnect(long forwardId, ConnectForwarded connect, ActorRef<Command> origin)
            implements Command, CborSerializable {}

    /** From the home node: the answer to connect {@code forwardId} that this node forwarded. */
    public record ConnectAnswered(long forwardId, WireForm.SignalForm reply) implements Command, CborSerializable {}

    /** From the registry: no node has the device of connect {@code forwardId}. */
    public record ConnectMissed(long forwardId) implements Command, CborSerializable {}

    /** From the registry: {@code device} registered with another node since. */
    public record DeviceMoved(String device) implements Command, CborSerializable {}

    private record PublishMetrics() implements Command {}

    private record DriverStats(MachineDriver.Stats stats) implements Command {}

    private record MemberLost(ClusterEvent.MemberRemoved removed) implements Command {}

    private static final Duration METRICS_INTERVAL = Duration.ofSeconds(1);

    private final ActorRef<MachineDriver.Command<RendezvousMachine.Event>> driver;
    private final RendezvousMachine machine;
    private final ClusterSharding sharding;
    private final NodeMetrics metrics;
    private final ActorRef<MachineDriver.Stats> driverStats;

    /**
     * @param driver the driver hosting {@code machine}, or null on a node without the rendezvous
     *     role (the router then only answers misses)
     */
    public static Behavior<Command> create(ActorRef<MachineDriver.Command<RendezvousMachine.Event>> driver,
            RendezvousMachine machine, NodeMetrics metrics) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            if (driver != null) {
                timers.startTimerWithFixedDelay(new PublishMetrics(), METRICS_INTERVAL);
            }
            return new NodeRouter(ctx, driver, machine, metrics);
        }));
    }

    private NodeRouter(ActorContext<Command> ctx, ActorRef<MachineDriver.Command<RendezvousMachine.Event>> driver,
            RendezvousMachine machine, NodeMetrics metrics) {
        super(ctx);
        this.driver = driver;
        this.machine = machine;
        this.sharding = ClusterSharding.get(ctx.getSystem());
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.driverStats = ctx.messageAdapter(MachineDriver.Stats.class, DriverStats::new);
        Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(
                ctx.messageAdapter(ClusterEvent.MemberRemoved.class, MemberLost::new), ClusterEvent.MemberRemoved.class));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(FromMachine.class, m -> onRouting(m.routing()))
                .onMessage(ServeConnect.class, this::onServe)
                .onMessage(ConnectAnswered.class, this::onAnswered)
                .onMessage(ConnectMissed.class, this::onMissed)
                .onMessage(DeviceMoved.class, this::onMoved)
                .onMessage(PublishMetrics.class, m -> onPublishMetrics())
                .onMessage(DriverStats.class, m -> onDriverStats(m.stats()))
                .onMessage(MemberLost.class, m -> onMemberLost())
                .build();
    }

    private Behavior<Command> onRouting(Routing r) {
        ActorRef<Command> self = getContext().getSelf();
        switch (r) {
            case Routing.DevicePresent p -> entity(p.device().name()).tell(new DeviceEntity.Present(self,
                    WireForm.show(p.observed()), p.candidates().stream().map(NodeRouter::show).toList(),
                    String.valueOf(p.nat()), p.fresh(), System.currentTimeMillis()));
            case Routing.DeviceGone g -> entity(g.device().name()).tell(new DeviceEntity.Gone(self));
            case Routing.ForwardConnect f -> {
                metrics.forwardsSent.increment();
                entity(f.device().name()).tell(new DeviceEntity.Route(f.forwardId(),
                        new ConnectForwarded(WireForm.ConnectForm.of(f.request())), self));
            }
        }
        return this;
    }

    private Behavior<Command> onServe(ServeConnect s) {
        Routing.RemoteConnect request;
        try {
            request = s.connect().form().decode();
        } catch (IllegalArgumentException e) {
            metrics.clusterMessagesBad.increment();
            s.origin().tell(new ConnectMissed(s.forwardId()));
            return this;
        }
        if (driver == null) {
            s.origin().tell(new ConnectMissed(s.forwardId()));
            return this;
        }
        metrics.forwardsServed.increment();
        act((m, nowNs) -> s.origin().tell(new ConnectAnswered(s.forwardId(),
                WireForm.SignalForm.of(machine.remoteConnect(nowNs, request)))));
        return this;
    }

    private Behavior<Command> onAnswered(ConnectAnswered a) {
        Signal reply;
        try {
            reply = a.reply().decode();
        } catch (IllegalArgumentException e) {
            metrics.clusterMessagesBad.increment();
            act((m, nowNs) -> machine.remoteMiss(nowNs, a.forwardId()));
            return this;
        }
        act((m, nowNs) -> machine.remoteAnswer(nowNs, a.forwardId(), reply));
        return this;
    }

    private Behavior<Command> onMissed(ConnectMissed m) {
        metrics.registryMisses.increment();
        act((mm, nowNs) -> machine.remoteMiss(nowNs, m.forwardId()));
        return this;
    }

    private Behavior<Command> onMoved(DeviceMoved m) {
        net.overlay.core.proto.identity.DeviceId id;
        try {
            id = new net.overlay.core.proto.identity.DeviceId(m.device());
        } catch (IllegalArgumentException e) {
            metrics.clusterMessagesBad.increment();
            return this;
        }
        act((mm, nowNs) -> {
            if (machine.deviceMoved(nowNs, id)) {
                metrics.movedAway.increment();
            }
        });
        return this;
    }

    private Behavior<Command> onPublishMetrics() {
        act((m, nowNs) -> {
            BrokerStats b = machine.broker().stats();
            RelayStats r = machine.relay().stats();
            metrics.registeredDevices = machine.broker().registeredDevices();
            metrics.registrations = b.registrations();
            metrics.keepalives = b.keepalives();
            metrics.connects = b.connects();
            metrics.relayAllocations = r.allocationsLive();
            metrics.relayBytes = r.bytesForwarded();
            metrics.relayPackets = r.packetsForwarded();
            metrics.malformedSignals = machine.malformedSignals();
            metrics.punchesDirect = b.punchesDirect();
            metrics.punchesRelayed = b.punchesRelayed();
            metrics.stunUnanswered = machine.unansweredStun();
            publishSessionStats(machine.endpoint().stats());
        });
        driver.tell(new MachineDriver.GetStats<>(driverStats));
        return this;
    }

    private void publishSessionStats(SessionStats s) {
        metrics.handshakesAccepted = s.count(DatagramOutcome.INITIATION_ACCEPTED);
        metrics.handshakesRateLimited = s.count(DatagramOutcome.INITIATION_RATE_LIMITED);
        metrics.handshakesOverCapacity = s.count(DatagramOutcome.INITIATION_OVER_CAPACITY);
        metrics.handshakesRefused = s.count(DatagramOutcome.INITIATION_UNAUTHENTIC)
                + s.count(DatagramOutcome.INITIATION_UNAUTHORIZED) + s.count(DatagramOutcome.INITIATION_REPLAYED);
        metrics.garbageDatagrams = s.count(DatagramOutcome.GARBAGE) + s.count(DatagramOutcome.UNKNOWN_SESSION);
    }

    /**
     * A member left or was downed: the registry entries its shards held are gone (soft state). Our
     * devices' presence goes out again at their next keepalive instead of the next refresh, so that
     * connects through other nodes find them within one keepalive interval.
     */
    private Behavior<Command> onMemberLost() {
        act((m, nowNs) -> machine.broker().refreshPresenceAtNextKeepalive());
        return this;
    }

    private Behavior<Command> onDriverStats(MachineDriver.Stats s) {
        metrics.inboundQueueDrops = s.inboundDrops();
        return this;
    }

    private void act(MachineDriver.MachineAction<RendezvousMachine.Event> action) {
        if (driver != null) {
            driver.tell(new MachineDriver.Act<>(action));
        }
    }

    private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<DeviceEntity.Command> entity(String device) {
        return sharding.entityRefFor(DeviceEntity.TYPE_KEY, device);
    }

    private static String show(Candidate c) {
        return c.type().name().toLowerCase(java.util.Locale.ROOT) + " " + WireForm.show(c.address());
    }
}
