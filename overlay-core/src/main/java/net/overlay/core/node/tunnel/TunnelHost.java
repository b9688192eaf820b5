package net.overlay.core.node.tunnel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.ObjLongConsumer;
import net.overlay.core.node.MachineDriver;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.AgentMachine;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.session.Session;
import net.overlay.core.proto.transport.Transport;
import net.overlay.core.proto.transport.TransportConfig;
import net.overlay.core.proto.transport.TransportEvent;
import net.overlay.core.proto.transport.TransportPayload;
import net.overlay.core.spi.cc.CongestionControlFactory;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A device's or a client's agent with TCP tunnels (docs/tunnels.md), hosted by a {@link
 * MachineDriver} in the agent's place. Every peer session gets a {@link TransportPayload}; each
 * TCP connection is one stream. On a client, {@link #listen} accepts local connections and opens a
 * stream for each on the first connected session; on a device, a stream the peer opens is
 * connected to the local address of the session's service.
 *
 * <p>After every input (a batch of datagrams, a timeout, a TCP message) the host drains the agent's events, then
 * each transport's events, moves bytes, and flushes the agent, until nothing more happens; the
 * driver then drains transmits and events as usual.
 *
 * <p>Threading: everything runs on the driver's actor. TCP threads reach it only through {@link
 * MachineDriver.Act} messages ({@link #attach} gives the host its driver).
 */
public final class TunnelHost implements DatagramMachine<AgentEvent>, MachineDriver.AcceptsBatches {
    /**
     * Our choice: local connections that wait for a stream (no session yet, or the peer's stream
     * limit reached); one more is refused with a TCP reset and a log line.
     */
    static final int MAX_WAITING_CONNECTIONS = 256;
    private static final System.Logger LOG = System.getLogger(TunnelHost.class.getName());
    /** Our choice: how long a device waits for its local service to accept a connection. */
    static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int MAX_SETTLE_ROUNDS = 64;
    private static final long NOT_DUE = Long.MIN_VALUE;

    /** One peer session and its streams. */
    static final class Link {
        final Session session;
        final TransportPayload payload;
        final Map<Long, StreamPipe> pipes = new HashMap<>();
        String service;

        Link(Session session, TransportPayload payload) {
            this.session = session;
            this.payload = payload;
        }

        Transport transport() {
            return payload.transport();
        }
    }

    private final AgentMachine agent;
    private final Map<String, InetSocketAddress> services;
    private final TransportConfig transportConfig;
    private final CongestionControlFactory cc;
    private final Map<Session, Link> links = new IdentityHashMap<>();
    private final ArrayDeque<AgentEvent> events = new ArrayDeque<>();
    private final ArrayDeque<Socket> waitingSockets = new ArrayDeque<>();
    private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
    private final byte[] scratch = new byte[TcpConnection.CHUNK_BYTES];
    private final TunnelCounters counters = new TunnelCounters();
    private volatile ActorRef<MachineDriver.Command<AgentEvent>> driver;
    private volatile ServerSocket server;
    private Link clientLink;
    private long nextSeed = 1;
    /** The time of the datagrams fed since the last settle, or {@link #NOT_DUE}. */
    private long settleDueNs = NOT_DUE;

    /**
     * @param services a device's services by name (e.g. {@code http -> 127.0.0.1:8080}); empty on a client
     */
    public TunnelHost(AgentMachine agent, Map<String, InetSocketAddress> services, TransportConfig transportConfig,
            CongestionControlFactory cc) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.services = Map.copyOf(services);
        this.transportConfig = Objects.requireNonNull(transportConfig, "transportConfig");
        this.cc = Objects.requireNonNull(cc, "cc");
        agent.setPayloadFactory(this::newLink);
    }

    /** Gives the host the driver that runs it; call before {@link #listen} or starting the agent. */
    public void attach(ActorRef<MachineDriver.Command<AgentEvent>> driverRef) {
        this.driver = Objects.requireNonNull(driverRef, "driverRef");
    }

    /** An application command on the agent (start, connect), run on the actor, then the host settles. */
    public MachineDriver.Act<AgentEvent> act(ObjLongConsumer<AgentMachine> action) {
        return new MachineDriver.Act<>((m, nowNs) -> {
            action.accept(agent, nowNs);
            settle(nowNs);
        });
    }

    /**
     * Client side: accepts TCP connections on {@code local} (port 0: any) and tunnels each through
     * the first connected session. Connections accepted before it is up wait for it.
     *
     * @return the address actually bound
     */
    public InetSocketAddress listen(InetSocketAddress local) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(local);
        server = s;
        Thread.ofPlatform().daemon().name("tunnel-accept-" + s.getLocalPort()).start(() -> acceptLoop(s));
        return (InetSocketAddress) s.getLocalSocketAddress();
    }

    /** Stops listening and drops every tunnelled TCP connection; any thread. */
    public void close() {
        ServerSocket s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing a listening socket that fails: nothing left to do.
            }
        }
        connections.forEach(TcpConnection::abort);
    }

    // --- DatagramMachine: the agent, plus the tunnels after every input ---------------------------

    /**
     * Feeds the agent only; the host settles when its outputs are first polled, so a batch of
     * datagrams (the driver drains after all of them) costs one settle and one flush: the
     * transport's acknowledgements and window updates for the whole batch leave together.
     */
    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        agent.handleDatagram(nowNs, socket, from, buf, off, len);
        settleDueNs = nowNs;
    }

    @Override
    public void handleTimeout(long nowNs) {
        agent.handleTimeout(nowNs);
        settle(nowNs);
    }

    @Override
    public Transmit pollTransmit() {
        settleIfDue();
        return agent.pollTransmit();
    }

    @Override
    public AgentEvent pollEvent() {
        settleIfDue();
        return events.poll();
    }

    @Override
    public long pollTimeoutNs() {
        settleIfDue();
        return agent.pollTimeoutNs();
    }

    private void settleIfDue() {
        if (settleDueNs != NOT_DUE) {
            long nowNs = settleDueNs;
            settleDueNs = NOT_DUE;
            settle(nowNs);
        }
    }

    // --- settling -------------------------------------------------------------------------------

    private TransportPayload newLink(Session session) {
        TransportPayload p = TransportPayload.create(transportConfig, cc, nextSeed++, session.isInitiator(), session::close);
        links.put(session, new Link(session, p));
        return p;
    }

    private void settle(long nowNs) {
        settleDueNs = NOT_DUE;
        for (int round = 0; round < MAX_SETTLE_ROUNDS; round++) {
            boolean progress = drainAgentEvents();
            for (Link link : List.copyOf(links.values())) {
                progress |= drainTransport(link);
            }
            agent.flush(nowNs);
            if (!progress) {
                return;
            }
        }
    }

    private boolean drainAgentEvents() {
        boolean any = false;
        AgentEvent e;
        while ((e = agent.pollEvent()) != null) {
            any = true;
            events.add(e);
            switch (e) {
                case AgentEvent.PeerConnected c -> onPeerConnected(c);
                case AgentEvent.PeerClosed c -> dropLink(links.remove(c.session()));
                default -> { }
            }
        }
        return any;
    }

    private void onPeerConnected(AgentEvent.PeerConnected c) {
        Link link = links.get(c.session());
        if (link == null) {
            return;
        }
        link.service = c.service();
        if (c.session().isInitiator() && clientLink == null) {
            clientLink = link;
            openWaitingStreams();
        }
    }

    private boolean drainTransport(Link link) {
        Transport t = link.transport();
        boolean any = false;
        TransportEvent e;
        while ((e = t.pollEvent()) != null) {
            any = true;
            switch (e) {
                case TransportEvent.StreamOpened o -> onStreamOpened(link, o.streamId());
                case TransportEvent.StreamReadable r -> withPipe(link, r.streamId(), p -> p.pullFromStream(scratch));
                case TransportEvent.StreamFinished f -> withPipe(link, f.streamId(), p -> p.pullFromStream(scratch));
                case TransportEvent.StreamWritable w -> withPipe(link, w.streamId(), StreamPipe::pushToStream);
                case TransportEvent.StreamReset r -> withPipe(link, r.streamId(), StreamPipe::abortFromStream);
                case TransportEvent.StopSendingReceived s -> withPipe(link, s.streamId(), StreamPipe::abortFromStream);
                case TransportEvent.StreamsAvailable a -> openWaitingStreams();
                case TransportEvent.IdleTimeout i -> dropLink(links.remove(link.session));
                case TransportEvent.ConnectionClosed c -> dropLink(links.remove(link.session));
                default -> { }
            }
        }
        return any;
    }

    private void withPipe(Link link, long streamId, java.util.function.Consumer<StreamPipe> action) {
        StreamPipe p = link.pipes.get(streamId);
        if (p != null) {
            action.accept(p);
            if (p.isClosed()) {
                link.pipes.remove(streamId);
            }
        }
    }

    private void dropLink(Link link) {
        if (link == null) {
            return;
        }
        link.pipes.values().forEach(StreamPipe::abortFromStream);
        link.pipes.clear();
        if (link == clientLink) {
            clientLink = null;
        }
    }

    // --- device: a peer stream becomes a connection to the local service -------------------------

    private void onStreamOpened(Link link, long streamId) {
        InetSocketAddress target = link.service == null ? null : services.get(link.service);
        if (link.session.isInitiator() || target == null) {
            // Only a device serves streams, and only for a service it has.
            link.transport().stopSending(streamId, StreamPipe.TCP_FAILED);
            link.transport().reset(streamId, StreamPipe.TCP_FAILED);
            return;
        }
        StreamPipe pipe = new StreamPipe(link, streamId, counters);
        link.pipes.put(streamId, pipe);
        TcpConnection.connect(target, CONNECT_TIMEOUT_MS, socket -> post(nowNs -> onConnected(pipe, socket)));
    }

    private void onConnected(StreamPipe pipe, Socket socket) {
        if (socket == null) {
            pipe.abortFromTcp();
        } else if (pipe.isClosed()) {
            closeQuietly(socket);
        } else {
            pipe.attach(start(socket, pipe));
            pipe.pullFromStream(scratch);
        }
        forgetIfClosed(pipe);
    }

    // --- client: an accepted connection becomes a stream -----------------------------------------

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket socket = s.accept();
                socket.setTcpNoDelay(true);
                post(nowNs -> onAccepted(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void onAccepted(Socket socket) {
        if (waitingSockets.size() >= MAX_WAITING_CONNECTIONS) {
            // A cap, not a queue without end: a local program opening connections faster than the
            // peer grants streams must not fill this JVM's heap and file table (docs/hardening.md).
            counters.refusedConnections++;
            LOG.log(System.Logger.Level.WARNING, "tunnel: refused the local connection from "
                    + socket.getRemoteSocketAddress() + ": " + MAX_WAITING_CONNECTIONS
                    + " connections already wait for a stream");
            TcpConnection.reset(socket);
            return;
        }
        waitingSockets.add(socket);
        openWaitingStreams();
    }

    private void openWaitingStreams() {
        while (clientLink != null && !waitingSockets.isEmpty()) {
            long id = clientLink.transport().openStream();
            if (id < 0) {
                return;
            }
            StreamPipe pipe = new StreamPipe(clientLink, id, counters);
            clientLink.pipes.put(id, pipe);
            pipe.attach(start(waitingSockets.poll(), pipe));
        }
    }

    // --- TCP threads to the actor ------------------------------------------------------------------

    private TcpConnection start(Socket socket, StreamPipe pipe) {
        TcpConnection c = TcpConnection.start(socket, new TcpConnection.Listener() {
            @Override
            public void data(TcpConnection c, byte[] chunk) {
                post(nowNs -> { pipe.onTcpData(chunk); forgetIfClosed(pipe); });
            }

            @Override
            public void eof(TcpConnection c) {
                post(nowNs -> { pipe.onTcpEof(); forgetIfClosed(pipe); });
            }

            @Override
            public void written(TcpConnection c, int lenBytes) {
                post(nowNs -> { pipe.onTcpWritten(lenBytes, scratch); forgetIfClosed(pipe); });
            }

            @Override
            public void failed(TcpConnection c, String reason) {
                post(nowNs -> { pipe.abortFromTcp(); forgetIfClosed(pipe); });
            }
        });
        connections.add(c);
        return c;
    }

    private void forgetIfClosed(StreamPipe pipe) {
        if (pipe.isClosed()) {
            pipe.link.pipes.remove(pipe.streamId, pipe);
            if (pipe.tcp() != null) {
                connections.remove(pipe.tcp());
            }
        }
    }

    private void post(LongConsumer action) {
        ActorRef<MachineDriver.Command<AgentEvent>> d = driver;
        if (d == null) {
            throw new IllegalStateException("attach(driver) first");
        }
        d.tell(new MachineDriver.Act<>((m, nowNs) -> {
            action.accept(nowNs);
            settle(nowNs);
        }));
    }

    /** The pipes' counters, for tests and status. */
    TunnelCounters counters() {
        return counters;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Nothing left to do.
        }
    }
}
