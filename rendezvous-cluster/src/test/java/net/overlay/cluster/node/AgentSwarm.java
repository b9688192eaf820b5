package net.overlay.cluster.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import net.overlay.core.proto.agent.AgentConfig;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.AgentMachine;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.identity.Identity;

/**
 * Many agents (device and client machines) on real loopback UDP, driven by one thread: a selector
 * over every agent's sockets and a deadline queue, with the real clock. A lighter host than one
 * {@code MachineDriver} actor and two reader threads per agent, for a thousand agents on two cores.
 * Machines are touched only on the swarm's thread; tests reach them through {@link #submit}.
 */
public final class AgentSwarm implements AutoCloseable {
    /** How many sockets each agent gets (RFC 5780 discovery and lifetime tests use 0..2). */
    static final int SOCKETS_PER_AGENT = 3;

    /** One agent: its machine, its channels, its armed deadline. */
    public static final class Agent {
        public final int index;
        public final AgentMachine machine;
        final DatagramChannel[] channels;
        long armedNs = DatagramMachine.NO_DEADLINE;

        Agent(int index, AgentMachine machine, DatagramChannel[] channels) {
            this.index = index;
            this.machine = machine;
            this.channels = channels;
        }
    }

    private record Due(long atNs, Agent agent) {}

    private final Selector selector;
    private final List<Agent> agents = new ArrayList<>();
    private final PriorityQueue<Due> deadlines = new PriorityQueue<>((a, b) -> Long.compare(a.atNs, b.atNs));
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final BiConsumer<Agent, AgentEvent> events;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(65_536);
    private final byte[] scratch = new byte[65_536];
    private final long originNs = System.nanoTime();
    private volatile boolean running = true;
    private Thread thread;
    private long startSpreadNs;
    private int started;

    public AgentSwarm(BiConsumer<Agent, AgentEvent> events) throws IOException {
        this.selector = Selector.open();
        this.events = events;
    }

    /** The swarm's clock: what {@code nowNs} means for its machines. */
    public long nowNs() {
        return System.nanoTime() - originNs;
    }

    /** Binds {@link #SOCKETS_PER_AGENT} loopback sockets for a future agent, returning their addresses. */
    public DatagramChannel[] bindSockets() throws IOException {
        DatagramChannel[] chans = new DatagramChannel[SOCKETS_PER_AGENT];
        for (int i = 0; i < chans.length; i++) {
            chans[i] = DatagramChannel.open();
            chans[i].setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
            chans[i].bind(new InetSocketAddress("127.0.0.1", 0));
            chans[i].configureBlocking(false);
        }
        return chans;
    }

    public static List<InetSocketAddress> addresses(DatagramChannel[] chans) throws IOException {
        List<InetSocketAddress> out = new ArrayList<>();
        for (DatagramChannel c : chans) {
            out.add((InetSocketAddress) c.getLocalAddress());
        }
        return out;
    }

    /**
     * An agent's config for a cluster of rendezvous nodes tried in {@code order}, on {@code chans},
     * with this swarm's clock. Requests are retried after 0.5 s, twice: a dead node is left within
     * 0.5 + 1 s of an unanswered request (the default takes 7.5 s); shorter, and a node that is
     * merely slow under the registration burst is left too.
     */
    public AgentConfig agentConfig(Identity id, Identity cluster, List<InetSocketAddress> order,
            DatagramChannel[] chans) throws IOException {
        long epochMs = System.currentTimeMillis() - nowNs() / 1_000_000L;
        return AgentConfig.of(id, order.getFirst(), cluster.staticPublicKey(), cluster.peerId(), addresses(chans),
                        epochMs)
                .withRendezvousFallbacks(order.subList(1, order.size()))
                .withRequestRetry(500_000_000L, 2);
    }

    /** Adds an agent before {@link #start()}. */
    public Agent add(AgentMachine machine, DatagramChannel[] chans) throws IOException {
        Agent a = new Agent(agents.size(), machine, chans);
        for (int i = 0; i < chans.length; i++) {
            chans[i].register(selector, SelectionKey.OP_READ, new int[] {a.index, i});
        }
        agents.add(a);
        return a;
    }

    List<Agent> agents() {
        return agents;
    }

    /** Starts every agent at once, and the loop thread. */
    public void start() {
        start(0);
    }

    /**
     * Starts the loop thread and the agents one after another, evenly over {@code spreadNs} (in the
     * order added): devices do not all boot in the same millisecond, and a thousand that did would
     * also keep their keepalives in step, so that a node's death sends them all to the survivors
     * at the same instant.
     */
    public void start(long spreadNs) {
        this.startSpreadNs = spreadNs;
        thread = Thread.ofPlatform().name("agent-swarm").daemon().start(this::loop);
    }

    /** Runs {@code action} on the swarm's thread (e.g. a client's connect), then flushes that agent. */
    public void submit(Agent agent, java.util.function.LongConsumer action) {
        commands.add(() -> {
            action.accept(nowNs());
            flush(agent, nowNs());
        });
        selector.wakeup();
    }

    private void loop() {
        long originNs = nowNs();
        while (running) {
            try {
                long nextStartNs = startDue(originNs);
                Due head = deadlines.peek();
                long nextNs = Math.min(head == null ? Long.MAX_VALUE : head.atNs, nextStartNs);
                long waitMs = nextNs == Long.MAX_VALUE ? 50 : Math.max(1, Math.min(50, (nextNs - nowNs()) / 1_000_000L + 1));
                selector.select(waitMs);
                for (SelectionKey k : selector.selectedKeys()) {
                    int[] at = (int[]) k.attachment();
                    receive(agents.get(at[0]), at[1], (DatagramChannel) k.channel());
                }
                selector.selectedKeys().clear();
                Runnable r;
                while ((r = commands.poll()) != null) {
                    r.run();
                }
                fireDeadlines();
            } catch (IOException | RuntimeException e) {
                if (running) {
                    e.printStackTrace();
                }
            }
        }
    }

    /** Starts the agents whose turn has come; returns when the next one is due (MAX_VALUE: none left). */
    private long startDue(long originNs) {
        while (started < agents.size()) {
            long atNs = originNs + (agents.size() < 2 ? 0 : startSpreadNs * started / (agents.size() - 1));
            long now = nowNs();
            if (atNs > now) {
                return atNs;
            }
            Agent a = agents.get(started++);
            a.machine.start(now);
            flush(a, now);
        }
        return Long.MAX_VALUE;
    }

    private void receive(Agent a, int socket, DatagramChannel ch) throws IOException {
        for (int n = 0; n < 64; n++) {
            buf.clear();
            InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
            if (from == null) {
                return;
            }
            buf.flip();
            int len = buf.remaining();
            buf.get(scratch, 0, len);
            long now = nowNs();
            a.machine.handleDatagram(now, socket, from, scratch, 0, len);
            flush(a, now);
        }
    }

    private void fireDeadlines() {
        long now = nowNs();
        Due d;
        while ((d = deadlines.peek()) != null && d.atNs <= now) {
            deadlines.poll();
            Agent a = d.agent;
            if (a.armedNs != d.atNs) {
                continue;   // superseded
            }
            a.armedNs = DatagramMachine.NO_DEADLINE;
            if (a.machine.pollTimeoutNs() <= now) {
                a.machine.handleTimeout(now);
            }
            flush(a, now);
        }
    }

    private void flush(Agent a, long now) {
        Transmit t;
        while ((t = a.machine.pollTransmit()) != null) {
            if (t.socket() < 0 || t.socket() >= a.channels.length) {
                continue;   // birthday probing's extra sockets: not needed on loopback
            }
            int len = t.payload().copyTo(scratch, 0);
            try {
                a.channels[t.socket()].send(ByteBuffer.wrap(scratch, 0, len), t.to());
            } catch (IOException e) {
                // UDP: a failed send is a lost datagram
            }
        }
        AgentEvent e;
        while ((e = a.machine.pollEvent()) != null) {
            events.accept(a, e);
        }
        long next = a.machine.pollTimeoutNs();
        if (next != DatagramMachine.NO_DEADLINE && next != a.armedNs) {
            a.armedNs = next;
            deadlines.add(new Due(next, a));
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Agent a : agents) {
            for (DatagramChannel c : a.channels) {
                c.close();
            }
        }
        selector.close();
    }
}
