package net.overlay.cluster.node;

import com.typesafe.config.Config;
import net.overlay.cluster.node.config.NodeSettings;
import net.overlay.core.proto.identity.Identity;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What an extension actor gets to know about its node ({@link ClusterNodeExtensions.Extension}):
 * its actor system, the whole configuration (an extension reads its own section from it), the
 * node's settings and identity, and its metrics (thread-safe reads).
 */
public record NodeContext(ActorSystem<?> system, Config config, NodeSettings settings, Identity identity,
        NodeMetrics metrics) {}
