package net.overlay.core.node.tunnel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.io.TcpSO;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Tcp;

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
 * <p>TCP is pekko-stream {@code Tcp} with half-close: on a client {@link #listen} binds, on a
 * device each stream gets an outgoing connection; every connection is materialised at once with a
 * {@link TcpBridge} (pekko closes an accepted connection that is not materialised within
 * {@code pekko.io.tcp.register-timeout}), and one waiting for a stream is simply not read.
 *
 * <p>Threading: everything runs on the driver's actor. The connections' stream stages reach it
 * only through {@link MachineDriver.Act} messages ({@link #attach} gives the host its driver and
 * actor system).
 */
public final class TunnelHost implements DatagramMachine<AgentEvent>, MachineDriver.AcceptsBatches {
    /**
     * Our choice: local connections that wait for a stream (no session yet, or the peer's stream
     * limit reached); one more is refused with a TCP reset and a log line.
     */
    static final int MAX_WAITING_CONNECTIONS = 256;
    private static final System.Logger LOG = System.getLogger(TunnelHost.class.getName());
    /** Our choice: how long a device waits for its local service to accept a connection. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Our choice: the client's listen backlog (pekko's default). */
    private static final int BACKLOG = 100;
    /** Our choice: how long {@link #listen} waits for pekko to bind. */
    private static final long BIND_TIMEOUT_MS = 10_000;
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
    private final ArrayDeque<TcpConnection> waiting = new ArrayDeque<>();
    private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
    private final byte[] scratch = new byte[StreamPipe.CHUNK_BYTES];
    private final TunnelCounters counters = new TunnelCounters();
    private final TcpConnection.Listener tcpListener = new ToActor();
    private volatile ActorRef<MachineDriver.Command<AgentEvent>> driver;
    private volatile ActorSystem<?> system;
    private volatile Materializer materializer;
    private volatile Tcp.ServerBinding binding;
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

    /**
     * Gives the host the driver that runs it and the actor system its TCP streams run in; call
     * before {@link #listen} or starting the agent.
     */
    public void attach(ActorSystem<?> actorSystem, ActorRef<MachineDriver.Command<AgentEvent>> driverRef) {
        this.system = Objects.requireNonNull(actorSystem, "actorSystem");
        this.materializer = Materializer.matFromSystem(actorSystem);
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
        ActorSystem<?> s = Objects.requireNonNull(system, "attach first");
        var bound = Tcp.get(s)
                .bind(local.getHostString(), local.getPort(), BACKLOG, List.of(TcpSO.tcpNoDelay(true)), true,
                        java.util.Optional.empty())
                .to(Sink.foreach(this::onIncoming))
                .run(materializer);
        try {
            binding = bound.toCompletableFuture().get(BIND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot listen on " + local + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("cannot listen on " + local + ": no answer from pekko's TCP in "
                    + BIND_TIMEOUT_MS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + local, e);
        }
        return binding.localAddress();
    }

    /** Stops listening and drops every tunnelled TCP connection; any thread. */
    public void close() {
        Tcp.ServerBinding b = binding;
        if (b != null) {
            b.unbind();
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
            forgetIfClosed(p);
        }
    }

    private void dropLink(Link link) {
        if (link == null) {
            return;
        }
        for (StreamPipe p : List.copyOf(link.pipes.values())) {
            p.abortFromStream();
            forgetIfClosed(p);
        }
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
        // Bytes from the stream queue in the bridge until the service accepts; a refusal or a
        // timeout fails the connection, and the pipe resets the stream.
        TcpConnection c = TcpConnection.connect(system, materializer, target, CONNECT_TIMEOUT, tcpListener);
        connections.add(c);
        pipe.attach(c);
        pipe.pullFromStream(scratch);
    }

    // --- client: an accepted connection becomes a stream -----------------------------------------

    /** On the bind's stream: materialise the connection at once, then let the actor decide. */
    private void onIncoming(Tcp.IncomingConnection incoming) {
        try {
            TcpConnection c = TcpConnection.accept(incoming, materializer, tcpListener);
            connections.add(c);
            post(nowNs -> onAccepted(c, incoming.remoteAddress()));
        } catch (RuntimeException e) {
            // Keep listening: this one connection is lost (pekko closes it unregistered), not the tunnel.
            LOG.log(System.Logger.Level.ERROR, "tunnel: cannot serve the local connection from "
                    + incoming.remoteAddress(), e);
        }
    }

    private void onAccepted(TcpConnection c, InetSocketAddress from) {
        if (waiting.size() >= MAX_WAITING_CONNECTIONS) {
            // A cap, not a queue without end: a local program opening connections faster than the
            // peer grants streams must not fill this JVM's heap and file table (docs/hardening.md).
            counters.refusedConnections++;
            LOG.log(System.Logger.Level.WARNING, "tunnel: refused the local connection from " + from + ": "
                    + MAX_WAITING_CONNECTIONS + " connections already wait for a stream");
            forget(c);
            c.abort();
            return;
        }
        waiting.add(c);
        openWaitingStreams();
    }

    private void openWaitingStreams() {
        while (clientLink != null && !waiting.isEmpty()) {
            long id = clientLink.transport().openStream();
            if (id < 0) {
                return;
            }
            StreamPipe pipe = new StreamPipe(clientLink, id, counters);
            clientLink.pipes.put(id, pipe);
            pipe.attach(waiting.poll());
            forgetIfClosed(pipe);
        }
    }

    // --- the connections' stream stages to the actor ------------------------------------------------

    /** Posts each report to the actor, to the connection's pipe or, before it has one, its waiting entry. */
    private final class ToActor implements TcpConnection.Listener {
        @Override
        public void data(TcpConnection c, byte[] chunk) {
            post(nowNs -> withPipe(c, p -> p.onTcpData(chunk)));
        }

        @Override
        public void eof(TcpConnection c) {
            post(nowNs -> {
                if (c.pipe == null) {
                    c.eofBeforeStream = true;
                } else {
                    withPipe(c, StreamPipe::onTcpEof);
                }
            });
        }

        @Override
        public void written(TcpConnection c, int lenBytes) {
            post(nowNs -> withPipe(c, p -> p.onTcpWritten(lenBytes, scratch)));
        }

        @Override
        public void failed(TcpConnection c, String reason) {
            post(nowNs -> {
                if (c.pipe == null) {
                    // It failed while waiting for a stream: nothing to reset.
                    waiting.remove(c);
                    forget(c);
                } else {
                    withPipe(c, StreamPipe::abortFromTcp);
                }
            });
        }
    }

    private void withPipe(TcpConnection c, java.util.function.Consumer<StreamPipe> action) {
        StreamPipe p = c.pipe;
        if (p != null) {
            action.accept(p);
            forgetIfClosed(p);
        }
    }

    private void forgetIfClosed(StreamPipe pipe) {
        if (pipe.isClosed()) {
            pipe.link.pipes.remove(pipe.streamId, pipe);
            if (pipe.tcp() != null) {
                forget(pipe.tcp());
            }
        }
    }

    private void forget(TcpConnection c) {
        connections.remove(c);
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
}
