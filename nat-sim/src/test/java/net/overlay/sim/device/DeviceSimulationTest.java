package net.overlay.sim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.overlay.core.nat.NatPreset;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class DeviceSimulationTest {

    static DeviceSimSpec small(int devices, int connects, long seed, DeviceSimSpec.Links links) {
        DeviceSimSpec b = DeviceSimSpec.bench(devices, 1, connects, seed);
        return new DeviceSimSpec(b.devices(), b.connects(), 50 * DeviceSimSpec.SECOND, b.seed(), b.regions(), b.rendezvous(),
                b.natMix(), b.cellularShare(), b.cellularNat(), links, 5 * DeviceSimSpec.SECOND,
                8 * DeviceSimSpec.SECOND, 30 * DeviceSimSpec.SECOND);
    }

    @Test
    void devicesRegisterAndClientsConnectOverTheRelayFirst() {
        DeviceSimResult r = DeviceSimulation.run(small(100, 20, 1, DeviceSimSpec.Links.DEFAULT), 2, 4);
        assertThat(r.devicesStarted()).isEqualTo(100);
        assertThat(r.devicesRegistered()).isEqualTo(100);
        assertThat(r.registerP50Ns()).isPositive().isLessThanOrEqualTo(r.registerP99Ns());
        assertThat(r.connects()).hasSize(20).allSatisfy(c -> {
            assertThat(c.outcome()).isNotEqualTo(ConnectRecord.Outcome.FAILED);
            assertThat(c.firstByteNs()).isPositive();
            // Relay first, then direct (make-before-break).
            if (c.outcome() == ConnectRecord.Outcome.DIRECT) assertThat(c.directNs()).isGreaterThan(c.firstByteNs());
            assertThat(c.relayRttNs()).isGreaterThan(c.directRttNs());
        });
        // Symmetric-random against symmetric-random can only be relayed.
        assertThat(r.connects()).filteredOn(c -> c.deviceNat() == NatPreset.SYMMETRIC_RANDOM
                && c.clientNat() == NatPreset.SYMMETRIC_RANDOM).allSatisfy(c ->
                assertThat(c.outcome()).isEqualTo(ConnectRecord.Outcome.RELAYED));
        assertThat(r.network().delivered()).isPositive();
        assertThat(r.network().lost()).isZero();
    }

    @Test
    void modelledCryptoChangesNoOutcomeNoTimeAndNoEventCount() {
        // The stand-in sends the same sizes and draws the same random bytes as X25519: the run must
        // be the same run, event for event, only cheaper. (The trace digest differs: it hashes the
        // datagrams' bytes, and the keys, hence the ciphertexts, are other ones.)
        DeviceSimSpec spec = small(80, 16, 3, DeviceSimSpec.Links.DEFAULT);
        DeviceSimResult real = DeviceSimulation.run(spec, 2, 3);
        DeviceSimResult modelled = DeviceSimulation.run(spec.withCrypto(DeviceSimSpec.Crypto.MODELLED), 2, 3);
        assertThat(modelled.connects()).isEqualTo(real.connects());
        assertThat(modelled.network()).usingRecursiveComparison().isEqualTo(real.network());
        assertThat(modelled.engine().events()).isEqualTo(real.engine().events());
        assertThat(modelled.devicesRegistered()).isEqualTo(real.devicesRegistered()).isEqualTo(80);
    }

    @Test
    void clientsThatCloseTheirSessionsSpareTheDevicesAnIdleTimeoutOfProbing() {
        // Same run twice, clients leaving after 10 s: with Close frames the devices stop at once;
        // vanished clients leave their devices probing dead paths until the idle timeout.
        DeviceSimSpec b = small(80, 20, 4, DeviceSimSpec.Links.DEFAULT);
        DeviceSimSpec spec = new DeviceSimSpec(b.devices(), b.connects(), 120 * DeviceSimSpec.SECOND, b.seed(), b.regions(),
                b.rendezvous(), b.natMix(), b.cellularShare(), b.cellularNat(), b.links(), b.registerSpreadNs(),
                b.connectFromNs(), 10 * DeviceSimSpec.SECOND);
        DeviceSimResult closed = DeviceSimulation.run(spec, 2, 3);
        DeviceSimResult vanished = DeviceSimulation.run(spec.withClientExit(DeviceSimSpec.ClientExit.VANISH), 2, 3);
        assertThat(closed.connects()).isEqualTo(vanished.connects());
        assertThat(closed.count(ConnectRecord.Outcome.DIRECT)).isPositive();
        assertThat(vanished.network().droppedHostGone()).isGreaterThan(100);
        assertThat(closed.network().droppedHostGone()).isLessThan(vanished.network().droppedHostGone() / 5);
        assertThat(closed.network().sent()).isLessThan(vanished.network().sent());
    }

    @Test
    void gilbertElliottLinksLoseBurstsAndTheProtocolStillConnects() {
        // Stationary bad share 0.05 / (0.05 + 0.45) = 10 %, half of it lost: about 5 % per edge crossed.
        DeviceSimSpec.Links bursty = new DeviceSimSpec.Links(20_000_000L, 30_000_000L, 10_000_000L, 40_000_000L, 0, 0,
                new DeviceSimSpec.GilbertElliott(0.05, 0.45, 0, 0.5));
        DeviceSimResult r = DeviceSimulation.run(small(60, 12, 2, bursty), 2, 3);
        double lossPerSend = (double) r.network().lost() / r.network().sent();
        assertThat(lossPerSend).isBetween(0.03, 0.2);
        assertThat(r.devicesRegistered()).isGreaterThan(50);
        assertThat(r.count(ConnectRecord.Outcome.DIRECT) + r.count(ConnectRecord.Outcome.RELAYED)).isGreaterThan(8);
    }

    @Test
    void clientsMeasureTheRoundTripsOfThePathTheyAreOn() {
        // No jitter: a round trip over the relay takes exactly the links' relayed round trip, one on
        // the direct path the direct one; one ping a second over a 30 s life.
        DeviceSimResult r = DeviceSimulation.run(small(100, 20, 1, DeviceSimSpec.Links.DEFAULT), 2, 4);
        long pinged = 0;
        for (ConnectRecord c : r.connects()) {
            if (c.outcome() == ConnectRecord.Outcome.FAILED) continue;
            Histogram h = c.rtt().decode();
            assertThat(h.getTotalCount()).isEqualTo(c.rtt().samples()).isBetween(20L, 31L);
            pinged += h.getTotalCount();
            // HdrHistogram keeps three significant digits: equal within 0.1 %.
            long expectedMin = c.outcome() == ConnectRecord.Outcome.DIRECT ? c.directRttNs() : c.relayRttNs();
            assertThat((double) h.getMinValue()).isCloseTo(expectedMin, org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat((double) h.getMaxValue()).isCloseTo(c.relayRttNs(), org.assertj.core.data.Percentage.withPercentage(0.1));
            if (c.outcome() == ConnectRecord.Outcome.DIRECT) {
                assertThat((double) c.rtt().p50Ns()).isCloseTo(c.directRttNs(), org.assertj.core.data.Percentage.withPercentage(0.1));
            }
        }
        assertThat(r.rttDirect().samples()).isPositive();
        assertThat(r.rttRelayed().samples()).isPositive();
        assertThat(r.rttDirect().samples() + r.rttRelayed().samples()).isLessThanOrEqualTo(pinged)
                .isGreaterThan(pinged * 9 / 10);
    }

    @Test
    void everyEntityHasItsCounters() {
        DeviceSimResult r = DeviceSimulation.run(small(100, 20, 1, DeviceSimSpec.Links.DEFAULT), 2, 4);
        EntityCounters e = r.entities();
        Topology t = new Topology(small(100, 20, 1, DeviceSimSpec.Links.DEFAULT));
        long registrations = 0;
        long connects = 0;
        int devices = 0;
        for (int n = 0; n < e.size(); n++) {
            EntityCounters.Entity x = e.entity(n);
            assertThat(x.csv().split(",", -1)).hasSize(EntityCounters.Entity.CSV_HEADER.split(",").length);
            switch (t.role(n)) {
                case DEVICE -> {
                    devices++;
                    assertThat(x.sent()).isPositive();
                    assertThat(x.received()).isPositive();
                    assertThat(x.bytesSent()).isGreaterThan(x.sent() * 32); // sealed packets, STUN, handshakes
                    assertThat(x.nat()).isEqualTo(t.hostNat(n).id());
                    assertThat(x.detail()).isEmpty();
                }
                case CLIENT -> {
                    ConnectRecord c = r.connects().get(t.clientIndex(n));
                    assertThat(x.name()).isEqualTo("client-" + c.client());
                    // Every ping went out in a packet of its own or with others.
                    assertThat(x.sent()).isGreaterThan(c.rtt().samples());
                }
                case RENDEZVOUS -> {
                    registrations += x.detail().get("registrations");
                    connects += x.detail().get("connects");
                    assertThat(x.received()).isGreaterThan(100);
                }
                default -> { }
            }
        }
        assertThat(devices).isEqualTo(100);
        assertThat(registrations).isGreaterThanOrEqualTo(r.devicesRegistered());
        assertThat(connects).isEqualTo(20);
        // No loss on these links: what was sent arrived, but for what was in flight at the end.
        assertThat(e.totalReceived()).isLessThanOrEqualTo(e.totalSent()).isGreaterThan(e.totalSent() * 99 / 100);
        assertThat(e.totalNatDropped()).isEqualTo(r.network().droppedByNat());
    }

    @Test
    void withoutPingsTheRecordsCarryNoRoundTrips() {
        DeviceSimResult r = DeviceSimulation.run(small(40, 8, 1, DeviceSimSpec.Links.DEFAULT).withPingIntervalNs(0), 2, 2);
        assertThat(r.connects()).allSatisfy(c -> assertThat(c.rtt()).isEqualTo(RttSummary.NONE));
        assertThat(r.rttDirect()).isEqualTo(RttSummary.NONE);
        assertThat(r.count(ConnectRecord.Outcome.FAILED)).isZero();
    }

    @Test
    void recordsWriteAsCsv() {
        ConnectRecord c = new ConnectRecord(3, 7, NatPreset.CGNAT_CELLULAR, NatPreset.OPEN, true,
                ConnectRecord.Outcome.RELAYED, 1_000_000L, 2_500_000L, -1, "birthday", 100_000_000L, 60_000_000L, "",
                RttSummary.NONE);
        assertThat(c.csv()).isEqualTo("3,7,cgnat-cellular,open,true,relayed,1.000,2.500,,birthday,100.000,60.000,,0,,,,,");
        assertThat(ConnectRecord.CSV_HEADER.split(",")).hasSize(c.csv().split(",", -1).length);
        assertThat(List.of(ConnectRecord.Outcome.values())).hasSize(3);
    }

    @Test
    void anRttSummaryCarriesItsWholeHistogram() {
        Histogram h = RttSummary.newHistogram();
        for (long ms = 1; ms <= 100; ms++) RttSummary.record(h, ms * 1_000_000L);
        RttSummary s = RttSummary.of(h);
        assertThat(s.samples()).isEqualTo(100);
        assertThat((double) s.p50Ns()).isCloseTo(50e6, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat((double) s.p99Ns()).isCloseTo(99e6, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(s.decode()).isEqualTo(h);
        assertThat(s.histogram()).doesNotContain(",");
        assertThatThrownBy(() -> new RttSummary(1, 1, 1, 1, 1, "bm90IGEgaGlzdG9ncmFt").decode())
                .isInstanceOf(RuntimeException.class);
    }
}
