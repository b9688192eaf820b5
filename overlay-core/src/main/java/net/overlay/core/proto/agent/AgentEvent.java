package net.overlay.core.proto.agent;

import java.net.InetSocketAddress;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.session.Path;
import net.overlay.core.proto.session.Session;
import net.overlay.core.proto.signal.NatSummary;
import net.overlay.core.proto.signal.RefusalCode;
import net.overlay.core.proto.traversal.PunchPlan;

/** What a device agent or client reports to its application (and to tests and the lab). */
public sealed interface AgentEvent {

    /** NAT discovery finished. */
    record NatDiscovered(NatSummary nat, InetSocketAddress reflexive, long atNs) implements AgentEvent {}

    /** The rendezvous accepted our registration (device) or our session (client). */
    record RendezvousReady(InetSocketAddress observed, long atNs) implements AgentEvent {}

    /** The rendezvous stopped answering; the agent reconnects by itself. */
    record RendezvousLost(String reason, long atNs) implements AgentEvent {}

    /** The address the rendezvous sees changed (NAT rebinding, roaming); the device re-registered. */
    record AddressChanged(InetSocketAddress from, InetSocketAddress to, long atNs) implements AgentEvent {}

    /** The device's keepalive interval changed (a longer mapping lifetime proven, or a failure). */
    record KeepaliveAdjusted(long intervalNs, String cause, long atNs) implements AgentEvent {}

    /** A session with a peer is up: a client reached us (device), or we reached the device (client). */
    record PeerConnected(Session session, PeerId peer, String service, long atNs) implements AgentEvent {}

    /** The rendezvous refused our connect request (client). */
    record ConnectFailed(RefusalCode code, String message, long atNs) implements AgentEvent {}

    /** We started punching toward the peer of {@code session}. */
    record PunchStarted(Session session, PunchPlan plan, long atNs) implements AgentEvent {}

    /** The session moved to a direct path. */
    record PathUpgraded(Session session, Path path, long atNs) implements AgentEvent {}

    /** The direct path died; the session is back on the relay. */
    record FellBackToRelay(Session session, long atNs) implements AgentEvent {}

    /** A peer session ended. */
    record PeerClosed(Session session, String reason, long atNs) implements AgentEvent {}
}
