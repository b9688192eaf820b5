package net.overlay.lab.bench;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.StaticKeyBinding;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.proto.relay.RelayConfig;
import net.overlay.core.proto.rendezvous.BrokerConfig;
import net.overlay.core.proto.rendezvous.Directory.DeviceRecord;
import net.overlay.core.proto.rendezvous.InMemoryDirectory;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import net.overlay.core.proto.session.Authorizer;
import net.overlay.core.proto.session.Path;
import net.overlay.core.proto.session.Session;
import net.overlay.core.proto.session.SessionEndpoint;
import net.overlay.core.proto.session.SessionEndpointConfig;
import net.overlay.core.proto.session.SessionTuning;
import net.overlay.core.proto.signal.NatSummary;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.SignalCodec;
import net.overlay.core.proto.signal.SignalKind;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * The devices' side of {@link RendezvousBench}: their addresses, the directory, the handshakes
 * with the node (the devices' half on worker threads, pipelined with the node on the calling
 * thread), and the pre-sealed keepalives, {@code rounds} per device. Not thread-safe: one caller.
 */
final class RendezvousFleet {
    /** Devices per pipeline batch (one client endpoint each, dropped after): the bench side stays small. */
    private static final int BATCH = 512;
    private static final long REPORT_EVERY_NS = 10_000_000_000L;
    private static final NoiseProtocol PROTOCOL = NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S);
    private static final InetSocketAddress NODE_AT = new InetSocketAddress(RendezvousBench.address(192, 0, 2, 1), 7000);
    private static final long START_NS = 1_000_000_000L;

    private final int devices;
    private final int rounds;
    private final InetSocketAddress[] addresses;
    private final byte[][] keepalives;
    private final Identity deviceIdentity = Identity.generate(RandomSource.seeded(2));
    private final Identity nodeIdentity = Identity.generate(RandomSource.seeded(1));
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final Bytes signature = StaticKeyBinding.sign(deviceIdentity);
    private long nowNs = START_NS;

    RendezvousFleet(int devices, int rounds) {
        this.devices = devices;
        this.rounds = rounds;
        this.addresses = new InetSocketAddress[devices];
        this.keepalives = new byte[devices * rounds][];
        for (int i = 0; i < devices; i++) {
            addresses[i] = new InetSocketAddress(RendezvousBench.address(10, (i >>> 16) & 0xFF, (i >>> 8) & 0xFF, i & 0xFF),
                    40_000 + (i >>> 24));
            directory.addDevice(new DeviceRecord(new DeviceId(name(i)), deviceIdentity.peerId(),
                    nodeIdentity.peerId()));
        }
    }

    private static String name(int i) {
        return "d" + i;
    }

    RendezvousMachine register(PrintStream progress) {
        // Room for every device, and for two batches half open at once; the rest is
        // SessionEndpointConfig.DEFAULT (each device has its own address).
        int maxSessions = devices + 4 * BATCH;
        SessionEndpointConfig nodeSessions = new SessionEndpointConfig(SessionTuning.DEFAULT, maxSessions,
                4 * BATCH, 10, 20, 4096, 180_000_000_000L, 65_536);
        RendezvousMachine node = new RendezvousMachine(new RendezvousMachine.Config(List.of(NODE_AT), 0,
                BrokerConfig.DEFAULT, RelayConfig.defaults(), nodeSessions, 3_600_000L), nodeIdentity,
                directory, RandomSource.seeded(3));
        int batches = (devices + BATCH - 1) / BATCH;
        // The devices' half of every handshake runs on the other cores while the node, on this
        // thread, does all of its own: it verifies every Hello and runs every responder handshake.
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "bench-devices");
            t.setDaemon(true);
            return t;
        });
        try {
            long nextReportNs = System.nanoTime() + REPORT_EVERY_NS;
            Future<Batch> opening = pool.submit(() -> open(0));
            Future<Batch> finishing = null;
            for (int b = 0; b < batches; b++) {
                Batch batch = opening.get();
                if (b + 1 < batches) {
                    int nextBatch = b + 1;
                    opening = pool.submit(() -> open(nextBatch));
                }
                answer(node, batch);
                Future<Batch> finished = pool.submit(() -> finish(batch));
                if (finishing != null) {
                    registerBatch(node, finishing.get());
                }
                finishing = finished;
                if (System.nanoTime() > nextReportNs) {
                    progress.printf(Locale.ROOT, "  registered %,d of %,d%n", batch.first, devices);
                    nextReportNs += REPORT_EVERY_NS;
                }
            }
            registerBatch(node, finishing.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering devices", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a device-side batch failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return node;
    }

    /** Device side, on a worker: a client endpoint per batch, each device's first handshake message. */
    private Batch open(int index) {
        int first = index * BATCH;
        int count = Math.min(BATCH, devices - first);
        // Seeded by batch, so the datagrams do not depend on which thread made them.
        SessionEndpoint client = new SessionEndpoint(SessionEndpointConfig.AGENT, PROTOCOL,
                DhKeyPair.fromPrivateKey(deviceIdentity.staticPrivateKey()), RandomSource.seeded(4 + index),
                (now, rs, payload) -> new Authorizer.Reject("devices accept no sessions here"));
        Batch batch = new Batch(first, count, client);
        for (int k = 0; k < count; k++) {
            Signal.Hello hello = new Signal.Hello(Signal.PeerRole.DEVICE, deviceIdentity.peerId().key(),
                    name(first + k), signature, Bytes.EMPTY);
            Session s = client.connect(START_NS, nodeIdentity.staticPublicKey(), SignalCodec.encode(hello),
                    Path.direct(0, NODE_AT));
            // Queued until the handshake completes: it goes out with the key confirmation.
            s.sendControl(START_NS, SignalKind.REGISTER.code(), SignalCodec.encode(
                    new Signal.Register(1, List.of(), NatSummary.unknown(), List.of("ssh"))));
            batch.sessions[k] = s;
            batch.datagrams[k] = one(client, "handshake initiation");
        }
        return batch;
    }

    /** Node side, on this thread: each initiation in, the node's answer out. */
    private void answer(RendezvousMachine node, Batch batch) {
        for (int k = 0; k < batch.count; k++) {
            nowNs += 1_000;
            byte[] d = batch.datagrams[k];
            node.handleDatagram(nowNs, 0, addresses[batch.first + k], d, 0, d.length);
            Transmit t = node.pollTransmit();
            if (t == null || node.pollTransmit() != null) {
                throw new IllegalStateException("device " + (batch.first + k) + ": the node did not answer once");
            }
            batch.datagrams[k] = t.payload().toArray();
            drainEvents(node);
        }
    }

    /** Device side, on a worker: the node's answers in, Register and the pre-sealed keepalives out. */
    private Batch finish(Batch batch) {
        SessionEndpoint client = batch.client;
        for (int k = 0; k < batch.count; k++) {
            byte[] d = batch.datagrams[k];
            client.handleDatagram(START_NS, 0, NODE_AT, d, 0, d.length);
            batch.datagrams[k] = one(client, "Register");
            Session s = batch.sessions[k];
            for (int r = 0; r < rounds; r++) {
                s.sendControl(START_NS, SignalKind.KEEPALIVE.code(), SignalCodec.encode(new Signal.Keepalive(2 + r)));
                keepalives[r * devices + batch.first + k] = one(client, "keepalive");
            }
            batch.sessions[k] = null;
        }
        while (client.pollEvent() != null) {
            // Established: the node's registration count is checked at the end.
        }
        return batch;
    }

    /** Node side: the devices' Register datagrams in; the Registered answers are dropped. */
    private void registerBatch(RendezvousMachine node, Batch batch) {
        for (int k = 0; k < batch.count; k++) {
            nowNs += 1_000;
            byte[] d = batch.datagrams[k];
            node.handleDatagram(nowNs, 0, addresses[batch.first + k], d, 0, d.length);
            while (node.pollTransmit() != null) {
                // Registered: the bench's devices do not read it.
            }
            drainEvents(node);
        }
    }

    private static void drainEvents(RendezvousMachine node) {
        while (node.pollEvent() != null) {
            // PeerAdmitted: the broker's registration count is what the bench checks.
        }
    }

    /** The one datagram {@code client} has to send now. */
    private static byte[] one(SessionEndpoint client, String what) {
        Transmit t = client.pollTransmit();
        if (t == null || client.pollTransmit() != null) {
            throw new IllegalStateException("a " + what + " did not make exactly one datagram");
        }
        return t.payload().toArray();
    }

    /**
     * Feeds round {@code r}'s keepalive of every device, in device order, draining the node's acks
     * and, as {@code MachineDriver} does after every datagram, asking for the next deadline (and
     * running the timers if it has passed): every keepalive moves its session's deadline, so the
     * figure includes the node's timer bookkeeping. Returns how many timer runs were due.
     */
    long feedRound(RendezvousMachine node, int r) {
        int base = r * devices;
        long timerRuns = 0;
        for (int i = 0; i < devices; i++) {
            byte[] d = keepalives[base + i];
            nowNs += 10;
            node.handleDatagram(nowNs, 0, addresses[i], d, 0, d.length);
            while (node.pollTransmit() != null) {
                // the KeepaliveAck: sealed and queued is the work being measured
            }
            if (nowNs >= node.pollTimeoutNs()) {
                node.handleTimeout(nowNs);
                timerRuns++;
                while (node.pollTransmit() != null) {
                    // whatever a timer sent: nobody listens
                }
            }
        }
        return timerRuns;
    }

    /** Devices whose handshakes go through the pipeline together, with the client endpoint they share. */
    private static final class Batch {
        final int first;
        final int count;
        final SessionEndpoint client;
        final Session[] sessions;
        /** The datagrams in flight for each device: initiation, then the node's answer, then Register. */
        final byte[][] datagrams;

        Batch(int first, int count, SessionEndpoint client) {
            this.first = first;
            this.count = count;
            this.client = client;
            this.sessions = new Session[count];
            this.datagrams = new byte[count][];
        }
    }
}
