package net.overlay.cluster.node.registry;

import java.time.Duration;
import java.util.List;
import net.overlay.cluster.node.CborSerializable;
import net.overlay.cluster.node.NodeRouter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityContext;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Where one device is: a sharded entity keyed by the device's name, holding soft state only. A node
 * writes {@link Present} when the device registers with it (and again every refresh interval while
 * its keepalives arrive); the entry expires after the registration timeout without a write, when the
 * home node says {@link Gone}, or when the home node's router dies (death watch: the node was downed).
 * When a device appears at a new home, the old home is told {@link NodeRouter.DeviceMoved} so it
 * drops its stale registration. A {@link Route} is handed to the home node, or answered as a miss.
 *
 * <p>Threading: an actor; its messages cross the cluster (Jackson CBOR).
 */
public final class DeviceEntity extends AbstractBehavior<DeviceEntity.Command> {
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "overlay-device");

    /** What the entity accepts. */
    public sealed interface Command extends CborSerializable {}

    /** The device is registered at {@code home}; {@code nat} is the NAT summary's text form. */
    public record Present(ActorRef<NodeRouter.Command> home, String observed, List<String> candidates, String nat,
            boolean fresh, long atMs) implements Command {}

    /** The device's session with {@code home} ended. */
    public record Gone(ActorRef<NodeRouter.Command> home) implements Command {}

    /** A connect that reached {@code origin}, to be served by the device's home. */
    public record Route(long forwardId, NodeRouter.ConnectForwarded connect, ActorRef<NodeRouter.Command> origin)
            implements Command {}

    /** Asks for the current entry (tests, the admin API). */
    public record Get(ActorRef<Entry> replyTo) implements Command {}

    /** The entry; {@code home} null when the device is nowhere. */
    public record Entry(String device, ActorRef<NodeRouter.Command> home, String observed, List<String> candidates,
            String nat, long lastSeenMs) implements CborSerializable {}

    private record Expire() implements Command {}

    private final String device;
    private final ActorRef<ClusterSharding.ShardCommand> shard;
    private final TimerScheduler<Command> timers;
    private final Duration expiry;
    private Present current;

    public static Behavior<Command> create(EntityContext<Command> entity, Duration expiry) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new DeviceEntity(ctx, t, entity, expiry)));
    }

    private DeviceEntity(ActorContext<Command> ctx, TimerScheduler<Command> timers, EntityContext<Command> entity,
            Duration expiry) {
        super(ctx);
        this.device = entity.getEntityId();
        this.shard = entity.getShard();
        this.timers = timers;
        this.expiry = expiry;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Present.class, this::onPresent)
                .onMessage(Gone.class, this::onGone)
                .onMessage(Route.class, this::onRoute)
                .onMessage(Get.class, this::onGet)
                .onMessage(Expire.class, e -> forget())
                .onSignal(Terminated.class, t -> current != null && current.home().equals(t.getRef()) ? forget() : this)
                .build();
    }

    private Behavior<Command> onPresent(Present p) {
        ActorRef<NodeRouter.Command> before = current == null ? null : current.home();
        if (before != null && !before.equals(p.home())) {
            before.tell(new NodeRouter.DeviceMoved(device));
            getContext().unwatch(before);
        }
        if (before == null || !before.equals(p.home())) {
            getContext().watch(p.home());
        }
        current = p;
        timers.startSingleTimer(new Expire(), expiry);
        return this;
    }

    private Behavior<Command> onGone(Gone g) {
        return current != null && current.home().equals(g.home()) ? forget() : this;
    }

    private Behavior<Command> onRoute(Route r) {
        if (current == null) {
            r.origin().tell(new NodeRouter.ConnectMissed(r.forwardId()));
        } else {
            current.home().tell(new NodeRouter.ServeConnect(r.forwardId(), r.connect(), r.origin()));
        }
        return this;
    }

    private Behavior<Command> onGet(Get g) {
        g.replyTo().tell(current == null
                ? new Entry(device, null, null, List.of(), null, 0)
                : new Entry(device, current.home(), current.observed(), current.candidates(), current.nat(), current.atMs()));
        return this;
    }

    /** Soft state gone: passivate, so an idle registry costs nothing. */
    private Behavior<Command> forget() {
        if (current != null) {
            getContext().unwatch(current.home());
        }
        current = null;
        timers.cancelAll();
        shard.tell(new ClusterSharding.Passivate<>(getContext().getSelf()));
        return this;
    }
}
