package net.overlay.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.nat.NatPreset;
import net.overlay.sim.SimRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #5's done-criterion on the device workload: the same scenario and seed give an equal
 * {@link DeviceSimResult} (every connection record, counter and the event-trace digest), run twice,
 * on one or two threads, and split into one, three or seven regions.
 */
class DeviceDeterminismTest {
    private static SimRunner oneThread;
    private static SimRunner twoThreads;

    @BeforeAll
    static void start() {
        oneThread = SimRunner.start(1);
        twoThreads = SimRunner.start(2);
    }

    @AfterAll
    static void stop() {
        oneThread.close();
        twoThreads.close();
    }

    static DeviceSimSpec scenario(long seed) {
        DeviceSimSpec b = DeviceSimSpec.bench(80, 1, 20, seed);
        // Some jitter and loss, so that the links' random draws are exercised too.
        DeviceSimSpec.Links links = new DeviceSimSpec.Links(20_000_000L, 30_000_000L, 10_000_000L, 40_000_000L,
                5_000_000L, 0.01);
        return new DeviceSimSpec(b.devices(), b.connects(), 40 * DeviceSimSpec.SECOND, seed, b.regions(), b.rendezvous(), b.natMix(),
                b.cellularShare(), b.cellularNat(), links, 5 * DeviceSimSpec.SECOND, 8 * DeviceSimSpec.SECOND,
                25 * DeviceSimSpec.SECOND);
    }

    private static DeviceSimResult run(SimRunner runner, int regions, long seed) {
        return DeviceSimulation.prepare(scenario(seed), regions, runner.threads()).run(runner);
    }

    @Test
    void sameScenarioGivesIdenticalResultsWhateverTheThreadsAndRegions() {
        DeviceSimResult reference = run(oneThread, 1, 3);
        assertThat(reference.devicesRegistered()).isGreaterThan(70);
        assertThat(reference.connects()).hasSize(20);
        assertThat(reference.count(ConnectRecord.Outcome.DIRECT)).isPositive();
        assertThat(run(oneThread, 1, 3)).isEqualTo(reference);
        assertThat(run(twoThreads, 3, 3)).isEqualTo(reference);
        assertThat(run(twoThreads, 7, 3)).isEqualTo(reference);
        assertThat(run(oneThread, 7, 3).engine().digestHex()).isEqualTo(reference.engine().digestHex());
    }

    /**
     * The same with every model of the carrier's network: cellular devices behind shared CGNAT boxes
     * (port blocks, hairpinning on), cascaded home NATs, clients behind their device's box, and
     * downlink bottlenecks (a constant rate for fixed lines, the synthetic cellular trace).
     */
    static DeviceSimSpec carrierScenario(long seed) {
        DeviceSimSpec s = scenario(seed);
        DeviceSimSpec.Links links = s.links().withBottleneck(new DeviceSimSpec.Bottleneck(400, 6_000, "synthetic"));
        return s.withLinks(links).withCarrier(new DeviceSimSpec.Cgnat(4, NatPreset.CGNAT_CELLULAR, 2048, true), 0.3, 0.3);
    }

    private static DeviceSimResult runCarrier(SimRunner runner, int regions, long seed) {
        return DeviceSimulation.prepare(carrierScenario(seed), regions, runner.threads()).run(runner);
    }

    @Test
    void carrierScenarioGivesIdenticalResultsWhateverTheThreadsAndRegions() {
        Topology t = new Topology(carrierScenario(3));
        assertThat(t.boxes()).isGreaterThan(5);
        DeviceSimResult reference = runCarrier(oneThread, 1, 3);
        assertThat(reference.devicesRegistered()).isGreaterThan(70);
        assertThat(reference.connects()).hasSize(20);
        assertThat(reference.connects()).anySatisfy(c -> assertThat(c.clientNat()).isEqualTo(NatPreset.CGNAT_CELLULAR));
        assertThat(reference.count(ConnectRecord.Outcome.DIRECT)).isPositive();
        assertThat(runCarrier(oneThread, 1, 3)).isEqualTo(reference);
        assertThat(runCarrier(twoThreads, 3, 3)).isEqualTo(reference);
        assertThat(runCarrier(twoThreads, 7, 3)).isEqualTo(reference);
        assertThat(runCarrier(oneThread, 7, 3).engine().digestHex()).isEqualTo(reference.engine().digestHex());
        System.out.println("carrier scenario: " + reference.network() + " direct " + reference.count(ConnectRecord.Outcome.DIRECT)
                + " relayed " + reference.count(ConnectRecord.Outcome.RELAYED));
    }

    @Test
    void anotherSeedGivesAnotherTrace() {
        assertThat(run(twoThreads, 3, 4).engine().digest()).isNotEqualTo(run(twoThreads, 3, 3).engine().digest());
    }
}
