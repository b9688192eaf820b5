package net.overlay.sim.device;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import net.overlay.sim.SimConfig;
import net.overlay.sim.SimResult;
import net.overlay.sim.SimRunner;
import net.overlay.sim.Simulation;
import net.overlay.sim.device.Hosts.ClientHost;
import net.overlay.sim.device.Hosts.DeviceHost;
import net.overlay.sim.device.Hosts.Host;
import org.HdrHistogram.Histogram;

/**
 * The device workload's entry point: {@code DeviceSimulation.run(spec, threads, regions)} returns a
 * {@link DeviceSimResult}; the lab's scenarios and {@code ./overlay sim bench --devices N} call it.
 * {@link #prepare} and {@link #run(SimRunner)} split building from running so that a benchmark
 * can weigh the heap and start the actor system apart from the clock; {@link #dropForWeighing}
 * then lets it weigh each part.
 *
 * <p>Single use, from one thread (the engine runs the regions on the runner's threads).
 */
public final class DeviceSimulation {
    private final Topology topology;
    private final DeviceWorkload workload;
    private final Simulation simulation;
    private SimResult engine;

    private DeviceSimulation(Topology topology, DeviceWorkload workload, Simulation simulation) {
        this.topology = topology;
        this.workload = workload;
        this.simulation = simulation;
    }

    /** Builds the topology, the rendezvous nodes and every node's first timer; nothing runs yet. */
    public static DeviceSimulation prepare(DeviceSimSpec spec, int regions, int threads) {
        return prepare(new Topology(spec), regions, threads);
    }

    static DeviceSimulation prepare(Topology topology, int regions, int threads) {
        DeviceSimSpec spec = topology.spec();
        int r = Math.max(1, Math.min(regions, topology.nodes()));
        long windowNs = Math.min(10_000_000L, topology.minOneWayNs());
        if (windowNs <= 0) throw new IllegalArgumentException("links: every path needs a positive one-way delay");
        DeviceWorkload workload = new DeviceWorkload(topology, new Population(topology), r);
        SimConfig config = new SimConfig(topology.nodes(), spec.seed(), windowNs, r, threads);
        return new DeviceSimulation(topology, workload, Simulation.prepare(config, workload));
    }

    /** Prepares and runs on a fresh actor system of {@code threads} threads. */
    public static DeviceSimResult run(DeviceSimSpec spec, int threads, int regions) {
        try (SimRunner runner = SimRunner.start(threads)) {
            return prepare(spec, regions, threads).run(runner);
        }
    }

    /** Plays the run to its end on {@code runner} and gathers the result. */
    public DeviceSimResult run(SimRunner runner) {
        engine = runner.run(simulation);
        return result();
    }

    /** Virtual time reached so far; safe to call from another thread during {@link #run(SimRunner)}. */
    public long progressNs() {
        return simulation.progressNs();
    }

    public Topology topology() {
        return topology;
    }

    private DeviceSimResult result() {
        int devices = topology.spec().devices();
        long[] registerNs = new long[devices];
        int registered = 0;
        long started = 0;
        List<ConnectRecord> records = new ArrayList<>(topology.spec().connects());
        DeviceWorkload.RttTally[] tallies = workload.tallies();
        DeviceWorkload.RttTally afterRun = tallies[tallies.length - 1];
        for (int n = 0; n < topology.nodes(); n++) {
            Host h = workload.host(n);
            if (h instanceof DeviceHost d) {
                started++;
                if (d.registeredNs >= 0) {
                    registerNs[registered++] = d.registeredNs - topology.deviceStartNs(topology.deviceIndex(n));
                }
            } else if (h instanceof ClientHost c) {
                workload.finishClient(c, afterRun);
                records.add(c.record);
            }
        }
        records.sort((a, b) -> Integer.compare(a.client(), b.client()));
        long[] sorted = DeviceSimResult.sortedCopy(registerNs, registered);
        Histogram relayed = RttSummary.newHistogram();
        Histogram direct = RttSummary.newHistogram();
        for (DeviceWorkload.RttTally t : tallies) {
            relayed.add(t.relayed);
            direct.add(t.direct);
        }
        return new DeviceSimResult(engine, started, registered, DeviceSimResult.quantile(sorted, 0.5),
                DeviceSimResult.quantile(sorted, 0.99), NetworkCounters.sum(workload.counters()), records,
                RttSummary.of(relayed), RttSummary.of(direct), workload.entities());
    }

    /** What {@link #dropForWeighing} lets go of. */
    public enum Part { RENDEZVOUS, NATS, DEVICES, CLIENTS }

    /** After the run: lets the machines (or NATs) of one part go, so that a benchmark can weigh it. */
    public void dropForWeighing(Part part) {
        switch (part) {
            case RENDEZVOUS -> workload.drop(Topology.Role.RENDEZVOUS, false);
            case NATS -> {
                workload.drop(Topology.Role.DEVICE, true);
                workload.drop(Topology.Role.CLIENT, true);
                workload.drop(Topology.Role.CGNAT, true);
            }
            case DEVICES -> workload.drop(Topology.Role.DEVICE, false);
            case CLIENTS -> workload.drop(Topology.Role.CLIENT, false);
        }
    }
}
