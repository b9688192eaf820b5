package net.overlay.sim.device;

import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatBox;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.session.PingProbe;
import net.overlay.core.proto.traversal.PunchPlan;

/**
 * The per-node state of the device workload: the machine a node hosts, the NAT in front of it
 * (in the same node, hence the same region, as the issue asks), its pending timer, and for clients
 * what the measurement record needs. Only the region owning the node touches it.
 */
final class Hosts {
    static final long NO_TIMER = Long.MIN_VALUE;
    static final int AGENT_PRIMARY_PORT = 40000;
    static final int EXTRA_SOCKET_BASE_PORT = 50000;
    static final int RENDEZVOUS_PORT = 3478;

    private Hosts() {}

    /** A datagram in flight between two nodes: public endpoints, bytes, the TTL left. */
    record Datagram(long src, long dst, byte[] data, int ttl) {}

    /** What every node hosting a machine has. */
    abstract static sealed class Host permits RendezvousHost, AgentHost, BoxHost {
        DatagramMachine<?> machine;
        long timerAtNs = NO_TIMER;
        /** Gilbert-Elliott state of the node's edge: true while in the bad state. */
        boolean edgeBad;
        /** A shared CGNAT box in front, a downlink bottleneck: null in the common case, which pays one field. */
        Access access;

        abstract long endpointOf(int socket);

        /** The socket bound at {@code endpoint} (after NAT translation), or -1. */
        abstract int socketOf(long endpoint);

        NatBox nat() {
            return null;
        }
    }

    /**
     * What a host has beyond its own NAT: the node of the shared CGNAT box it sits behind (-1 for
     * none; its traffic then goes through that node), and a bottleneck on its downlink (or null).
     */
    record Access(int boxNode, Downlink downlink) {}

    /** A shared carrier-grade NAT box: no machine, only its table; the node forwards its subscribers' traffic. */
    static final class BoxHost extends Host {
        final CarrierNat box;

        BoxHost(CarrierNat box) {
            this.box = box;
        }

        @Override
        long endpointOf(int socket) {
            throw new IllegalStateException("a CGNAT box has no sockets");
        }

        @Override
        int socketOf(long endpoint) {
            return -1;
        }
    }

    /** A rendezvous node: four sockets on two public addresses (RFC 5780). */
    static final class RendezvousHost extends Host {
        final int ip1;
        final int ip2;

        RendezvousHost(int ip1, int ip2) {
            this.ip1 = ip1;
            this.ip2 = ip2;
        }

        @Override
        long endpointOf(int socket) {
            return Endpoints.of(socket < 2 ? ip1 : ip2, RENDEZVOUS_PORT + (socket & 1));
        }

        @Override
        int socketOf(long endpoint) {
            int ip = Endpoints.ip(endpoint);
            int port = Endpoints.port(endpoint) - RENDEZVOUS_PORT;
            if ((ip != ip1 && ip != ip2) || port < 0 || port > 1) return -1;
            return (ip == ip1 ? 0 : 2) + port;
        }
    }

    /**
     * A device agent or client: socket 0 at port 40000, socket k at 50000 + k (as the in-memory
     * harness binds them), on the private address behind its NAT or on its public one.
     */
    abstract static sealed class AgentHost extends Host permits DeviceHost, ClientHost {
        final int localIp;
        NatBox nat;
        long nextNatSweepNs;

        AgentHost(int localIp, NatBox nat) {
            this.localIp = localIp;
            this.nat = nat;
        }

        @Override
        NatBox nat() {
            return nat;
        }

        @Override
        long endpointOf(int socket) {
            return Endpoints.of(localIp, socket == 0 ? AGENT_PRIMARY_PORT : EXTRA_SOCKET_BASE_PORT + socket);
        }

        @Override
        int socketOf(long endpoint) {
            if (Endpoints.ip(endpoint) != localIp) return -1;
            int port = Endpoints.port(endpoint);
            if (port == AGENT_PRIMARY_PORT) return 0;
            int k = port - EXTRA_SOCKET_BASE_PORT;
            return k >= 1 && k < 1024 ? k : -1;
        }
    }

    static final class DeviceHost extends AgentHost {
        long registeredNs = -1;

        DeviceHost(int localIp, NatBox nat) {
            super(localIp, nat);
        }
    }

    static final class ClientHost extends AgentHost implements PingProbe.Listener {
        /** Kinds of a round trip, in a sample's two low bits: both legs relayed, both direct, one of each. */
        static final int RELAYED = 0;
        static final int DIRECT = 1;
        static final int MIXED = 2;

        final int node;
        final long startNs;
        long firstByteNs = -1;
        long directNs = -1;
        /** Why the connect failed, as the client heard it: a refusal code, {@code no-answer}; null if it did not. */
        String failure;
        String strategy = "none";
        ConnectRecord record;
        /** Round trips so far, each (microseconds << 2 | kind); made at the first. */
        int[] rtts;
        int rttCount;

        ClientHost(int node, int localIp, NatBox nat, long startNs) {
            super(localIp, nat);
            this.node = node;
            this.startNs = startNs;
        }

        @Override
        public void onEcho(long sentAtNs, long arrivedAtNs, boolean pingerDirect, boolean echoerDirect) {
            if (rtts == null) {
                rtts = new int[8];
            } else if (rttCount == rtts.length) {
                rtts = java.util.Arrays.copyOf(rtts, rttCount * 2);
            }
            long us = Math.min((arrivedAtNs - sentAtNs) / 1_000, Integer.MAX_VALUE >> 2);
            int kind = pingerDirect != echoerDirect ? MIXED : pingerDirect ? DIRECT : RELAYED;
            rtts[rttCount++] = (int) (us << 2) | kind;
        }
    }

    /**
     * Names the punching strategy of a plan, for the records: relay only, birthday probing (either
     * side), sequential port prediction (PunchPlanner says "predict" in its reason), low-TTL primed
     * simultaneous open (we are behind a NAT), or plain simultaneous open.
     */
    static String strategy(PunchPlan plan) {
        if (plan.relayOnly()) return "relay-only";
        if (plan.extraSockets() > 0 || plan.randomProbes() > 0) return "birthday";
        if (plan.reason().contains("predict ")) return "predicted";
        return plan.prime() ? "primed" : "simultaneous-open";
    }
}
