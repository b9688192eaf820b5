package net.overlay.core.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.spi.NanoClock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Hosts one sans-IO {@link DatagramMachine} on real UDP sockets and the real clock (DESIGN.md, "The
 * sans-IO core"). Every handler reads the clock once, feeds the machine one input (a datagram, a
 * timeout, an application action) and then drains its outputs in the contract's order: transmits
 * to the sockets, events to the listener, and the next deadline into a single timer.
 *
 * <p>Receiving: each socket has a reader thread blocked in {@link UdpSocket#receive} on a reused
 * direct buffer; it copies each datagram once into an array of its exact size and puts it in the
 * {@link DatagramInbox}, telling the actor only when the inbox was not signalled already. The
 * actor feeds every waiting datagram (up to 256 per cycle) to the machine, draining after each, or
 * once after all of them for a machine that {@link AcceptsBatches}. At most {@link
 * Settings#maxQueuedDatagrams()} datagrams wait; beyond that readers drop and count, so a flood
 * costs bounded memory (UDP may drop; the protocol recovers).
 *
 * <p>Timers: one deadline at a time; near ones (under 20 ms) on a shared precise timer thread, far
 * ones on Pekko's scheduler (10 ms ticks).
 *
 * <p>Threading: the machine, the sockets' send side and the listener callback run only on the
 * actor. Application code reaches the machine through {@link Act}, never directly.
 *
 * @param <E> the machine's events
 */
public final class MachineDriver<E> extends AbstractBehavior<MachineDriver.Command<E>> {

    /** What the driver accepts. */
    public sealed interface Command<E> {}

    /** An application action on the machine (e.g. {@code ClientMachine.connect}), run on the actor. */
    @FunctionalInterface
    public interface MachineAction<E> {
        void apply(DatagramMachine<E> machine, long nowNs);
    }

    /** Runs {@code action} on the machine now, then drains its outputs. */
    public record Act<E>(MachineAction<E> action) implements Command<E> {
        public Act {
            Objects.requireNonNull(action, "action");
        }
    }

    /** Asks for the driver's counters. */
    public record GetStats<E>(ActorRef<Stats> replyTo) implements Command<E> {}

    /** Closes the sockets and stops the actor. */
    public record Stop<E>() implements Command<E> {}

    /**
     * The driver's counters.
     *
     * @param datagramsIn datagrams handed to the machine
     * @param datagramsOut datagrams the sockets accepted
     * @param inboundDrops datagrams readers dropped because the mailbox held too many
     * @param sendDrops datagrams the sockets dropped (unreachable, full buffers, bind failures)
     * @param sockets sockets bound so far
     * @param ttlSupported whether every bound socket honours a per-send TTL
     */
    public record Stats(long datagramsIn, long datagramsOut, long inboundDrops, long sendDrops, int sockets,
            boolean ttlSupported) {}

    /**
     * Tunables.
     *
     * @param maxQueuedDatagrams received datagrams that may wait in the mailbox before readers drop
     */
    public record Settings(int maxQueuedDatagrams) {
        public static final Settings DEFAULT = new Settings(4096);

        public Settings {
            if (maxQueuedDatagrams < 1) {
                throw new IllegalArgumentException("maxQueuedDatagrams must be >= 1");
            }
        }
    }

    /**
     * A machine that may take several datagrams before its outputs are drained: the driver then
     * feeds it every datagram waiting in the inbox and drains once, rather than once per datagram.
     * Its outputs must be the same either way, only coalesced (fewer acknowledgements, one flush).
     */
    public interface AcceptsBatches {}

    /** Datagrams wait in the inbox: drain it. One message however many wait. */
    private record InboxReady<E>() implements Command<E> {}

    private record Tick<E>() implements Command<E> {}

    private record ReaderFailed<E>(int socket, String reason) implements Command<E> {}

    private static final Object TIMER_KEY = "deadline";
    /** Our choice: datagrams fed to the machine per duty cycle before other messages get a turn. */
    private static final int MAX_DATAGRAMS_PER_CYCLE = 256;
    /**
     * Our choice: deadlines nearer than this go to {@link #PRECISE_TIMER}, not Pekko's scheduler,
     * which ticks every 10 ms: a pacer that wants the next packet out in 50 us would otherwise wait
     * a whole tick, and a transfer on a fast path would crawl at one burst per tick.
     */
    static final long PRECISE_HORIZON_NS = 20_000_000L;
    /**
     * Our choice: deadlines nearer than this are a message to ourselves, not a timer. A sleeping
     * thread wakes no more precisely than the kernel's timer slack (50 us), and waking the timer
     * thread costs two context switches; the pacer's "next packet in 1 ns" at the end of each burst
     * would pay them every 10 packets. The tick may come a little early: the handler then re-arms.
     */
    static final long SPIN_HORIZON_NS = 50_000L;
    /** One daemon thread for every driver's near deadlines; it only tells actors, so one is plenty. */
    private static final ScheduledExecutorService PRECISE_TIMER = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("driver-precise-timer").unstarted(r));

    private final DatagramMachine<E> machine;
    private final UdpSockets sockets;
    private final Consumer<? super E> events;
    private final NanoClock clock;
    private final Settings settings;
    private final TimerScheduler<Command<E>> timers;
    private final SendBatch batch = new SendBatch();
    private final DatagramInbox inbox;
    private final boolean batches;
    private long armedDeadlineNs = DatagramMachine.NO_DEADLINE;
    private ScheduledFuture<?> preciseTick;
    private long datagramsIn;
    private long datagramsOut;
    private long unboundSends;

    /**
     * A driver for {@code machine} on {@code sockets} (which it owns and closes when it stops),
     * calling {@code events} on the actor for every event, on the system clock.
     */
    public static <E> Behavior<Command<E>> create(DatagramMachine<E> machine, UdpSockets sockets,
            Consumer<? super E> events) {
        return create(machine, sockets, events, NanoClock.system(), Settings.DEFAULT);
    }

    /** As {@link #create(DatagramMachine, UdpSockets, Consumer)}, with every event told to {@code listener}. */
    public static <E> Behavior<Command<E>> create(DatagramMachine<E> machine, UdpSockets sockets,
            ActorRef<E> listener) {
        return create(machine, sockets, listener::tell);
    }

    public static <E> Behavior<Command<E>> create(DatagramMachine<E> machine, UdpSockets sockets,
            Consumer<? super E> events, NanoClock clock, Settings settings) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new MachineDriver<>(ctx, timers, machine, sockets, events, clock, settings)));
    }

    /**
     * Wall-clock milliseconds at {@code nowNs == 0} of {@code clock}: what machine configs call
     * {@code epochMsAtZeroNs} (tickets and grants expire in wall time).
     */
    public static long epochMsAtZeroNs(NanoClock clock) {
        return System.currentTimeMillis() - Math.floorDiv(clock.nowNs(), 1_000_000L);
    }

    private MachineDriver(ActorContext<Command<E>> ctx, TimerScheduler<Command<E>> timers, DatagramMachine<E> machine,
            UdpSockets sockets, Consumer<? super E> events, NanoClock clock, Settings settings) {
        super(ctx);
        this.timers = timers;
        this.machine = Objects.requireNonNull(machine, "machine");
        this.sockets = Objects.requireNonNull(sockets, "sockets");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.inbox = new DatagramInbox(settings.maxQueuedDatagrams());
        this.batches = machine instanceof AcceptsBatches;
        sockets.bound().forEach((index, socket) -> startReader(socket, index));
        sockets.onOpen(this::startReader);
        drain(clock.nowNs());
    }

    @Override
    public Receive<Command<E>> createReceive() {
        return newReceiveBuilder()
                .onAnyMessage(this::onCommand)
                .onSignal(PostStop.class, s -> onPostStop())
                .build();
    }

    private Behavior<Command<E>> onCommand(Command<E> command) {
        return switch (command) {
            case InboxReady<E> r -> onInboxReady();
            case Tick<E> t -> onTick();
            case Act<E> a -> onAct(a);
            case GetStats<E> g -> onGetStats(g);
            case ReaderFailed<E> f -> onReaderFailed(f);
            case Stop<E> s -> Behaviors.stopped();
        };
    }

    private Behavior<Command<E>> onInboxReady() {
        long nowNs = clock.nowNs();
        // Bounded, so timers and application actions waiting in the mailbox get their turn under a flood.
        boolean more = inbox.drain(d -> {
            datagramsIn++;
            machine.handleDatagram(nowNs, d.socket(), d.from(), d.data(), 0, d.data().length);
            if (!batches) {
                drain(nowNs);
            }
        }, MAX_DATAGRAMS_PER_CYCLE);
        drain(nowNs);
        if (more) {
            getContext().getSelf().tell(new InboxReady<>());
        }
        return this;
    }

    private Behavior<Command<E>> onTick() {
        // Whichever timer this tick came from, none stays armed: drain arms one for the new deadline.
        disarm();
        armedDeadlineNs = DatagramMachine.NO_DEADLINE;
        long nowNs = clock.nowNs();
        // The contract allows late calls, never early ones; the scheduler may round either way.
        if (nowNs >= machine.pollTimeoutNs()) {
            machine.handleTimeout(nowNs);
        }
        drain(nowNs);
        return this;
    }

    private Behavior<Command<E>> onAct(Act<E> act) {
        long nowNs = clock.nowNs();
        act.action().apply(machine, nowNs);
        drain(nowNs);
        return this;
    }

    private Behavior<Command<E>> onGetStats(GetStats<E> get) {
        get.replyTo().tell(new Stats(datagramsIn, datagramsOut, inbox.drops(),
                sockets.sendDrops() + unboundSends, sockets.bound().size(), sockets.supportsTtl()));
        return this;
    }

    private Behavior<Command<E>> onReaderFailed(ReaderFailed<E> f) {
        getContext().getLog().warn("socket {} stopped receiving: {}", f.socket(), f.reason());
        return this;
    }

    private Behavior<Command<E>> onPostStop() {
        disarm();
        sockets.close();
        return this;
    }

    /** The fixed output order of the host contract: transmits, events, then the deadline. */
    private void drain(long nowNs) {
        Transmit t;
        while ((t = machine.pollTransmit()) != null) {
            if (t.payload().length() > UdpSocket.MAX_DATAGRAM_BYTES) {
                unboundSends++;
            } else if (!batch.tryAdd(t)) {
                sendBatch();
                batch.tryAdd(t);
            }
        }
        sendBatch();
        E e;
        while ((e = machine.pollEvent()) != null) {
            events.accept(e);
        }
        long deadlineNs = machine.pollTimeoutNs();
        if (deadlineNs == DatagramMachine.NO_DEADLINE) {
            if (armedDeadlineNs != DatagramMachine.NO_DEADLINE) {
                disarm();
                armedDeadlineNs = DatagramMachine.NO_DEADLINE;
            }
        } else if (deadlineNs < armedDeadlineNs) {
            arm(deadlineNs, nowNs);
        }
        // A later deadline keeps the armed timer: its tick comes early, finds nothing due and re-arms.
        // Re-arming at every change would wake the timer thread once per acknowledgement on a transfer.
    }

    /**
     * Arms the one timer for {@code deadlineNs}: a due or imminent deadline is a message to ourselves
     * now, a near one goes to the precise timer thread, a far one to Pekko's scheduler. A tick of a timer
     * replaced meanwhile is harmless: {@link #onTick} checks the machine's deadline again.
     */
    private void arm(long deadlineNs, long nowNs) {
        disarm();
        long delayNs = deadlineNs - nowNs;
        Tick<E> tick = new Tick<>();
        if (delayNs < SPIN_HORIZON_NS) {
            getContext().getSelf().tell(tick);
        } else if (delayNs < PRECISE_HORIZON_NS) {
            ActorRef<Command<E>> self = getContext().getSelf();
            preciseTick = PRECISE_TIMER.schedule(() -> self.tell(tick), delayNs, TimeUnit.NANOSECONDS);
        } else {
            timers.startSingleTimer(TIMER_KEY, tick, Duration.ofNanos(delayNs));
        }
        armedDeadlineNs = deadlineNs;
    }

    private void disarm() {
        if (armedDeadlineNs == DatagramMachine.NO_DEADLINE) {
            return;
        }
        timers.cancel(TIMER_KEY);
        if (preciseTick != null) {
            preciseTick.cancel(false);
            preciseTick = null;
        }
    }

    /** Sends what {@link #batch} holds: one system call for a GSO batch on Linux. */
    private void sendBatch() {
        if (batch.isEmpty()) {
            return;
        }
        UdpSocket socket;
        try {
            socket = sockets.socket(batch.socket());
        } catch (RuntimeException ex) {
            unboundSends += batch.count();
            batch.clear();
            return;
        }
        datagramsOut += batch.sendOn(socket);
    }

    private void startReader(UdpSocket socket, int index) {
        ActorRef<Command<E>> self = getContext().getSelf();
        Thread.ofPlatform().daemon().name("udp-" + index + "-" + socket.localAddress()).start(() -> {
            ByteBuffer buf = ByteBuffer.allocateDirect(UdpSocket.MAX_DATAGRAM_BYTES);
            try {
                InetSocketAddress from;
                while ((from = socket.receive(buf.clear())) != null) {
                    byte[] data = new byte[buf.flip().remaining()];
                    buf.get(data);
                    if (inbox.offer(index, from, data)) {
                        self.tell(new InboxReady<>());
                    }
                }
            } catch (IOException | RuntimeException ex) {
                self.tell(new ReaderFailed<>(index, String.valueOf(ex)));
            }
        });
    }
}
