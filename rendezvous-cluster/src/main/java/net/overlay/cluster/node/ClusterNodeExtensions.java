package net.overlay.cluster.node;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import net.overlay.core.proto.rendezvous.Directory;
import net.overlay.core.proto.rendezvous.InMemoryDirectory;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import org.apache.pekko.actor.typed.Behavior;

/**
 * What a {@link ClusterNode} is built with beyond its settings: where the broker looks up devices
 * and grants, extra actors to start beside the node's own (the durable store, the HTTP admin API
 * and {@code /metrics} plug in here), and a listener for the protocol's events.
 *
 * @param directory the devices and grants the broker consults (the store's cache in deployment;
 *     an {@link InMemoryDirectory} in tests and {@code --dev}); called on the protocol thread
 * @param extensions actors spawned as children of the node's guardian once sharding is up, in order
 * @param events called on the protocol thread with every admitted or refused peer; must not block
 */
public record ClusterNodeExtensions(Directory directory, List<Extension> extensions,
        Consumer<RendezvousMachine.Event> events) {

    /**
     * An extra actor: {@code behavior} is called once, on the guardian, with the node's context.
     *
     * @param name the child actor's name (unique among extensions)
     */
    public record Extension(String name, Function<NodeContext, Behavior<?>> behavior) {
        public Extension {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(behavior, "behavior");
        }
    }

    public ClusterNodeExtensions {
        Objects.requireNonNull(directory, "directory");
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(events, "events");
    }

    /** Only a directory: no extra actors, events ignored. */
    public static ClusterNodeExtensions of(Directory directory) {
        return new ClusterNodeExtensions(directory, List.of(), e -> { });
    }

    public ClusterNodeExtensions withExtension(Extension e) {
        List<Extension> all = new java.util.ArrayList<>(extensions);
        all.add(e);
        return new ClusterNodeExtensions(directory, all, events);
    }

    public ClusterNodeExtensions withEvents(Consumer<RendezvousMachine.Event> listener) {
        return new ClusterNodeExtensions(directory, extensions, listener);
    }
}
