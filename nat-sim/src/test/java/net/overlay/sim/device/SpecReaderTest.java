package net.overlay.sim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.overlay.core.nat.NatPreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {

    @Test
    void readsEveryField() {
        DeviceSimSpec s = SpecReader.parse("""
                {"devices": 5000, "connects": 200, "minutes": 3, "seed": 9,
                 "regions": [{"name": "eu", "latitude": 50, "longitude": 8, "share": 2},
                             {"name": "us", "latitude": 40, "longitude": -75, "share": 1}],
                 "rendezvous": ["eu", "us", "us"],
                 "natMix": {"port-restricted": 3, "symmetric-random": 1},
                 "cellularShare": 0.25, "cellularNat": "cgnat-cellular",
                 "links": {"deviceEdgeMs": 15, "clientEdgeMs": 25, "rendezvousEdgeMs": 5, "cellularEdgeMs": 50,
                           "jitterMs": 2, "edgeLoss": 0.01,
                           "burstLoss": {"goodToBad": 0.01, "badToGood": 0.3, "lossBad": 0.5}},
                 "registerSpreadSeconds": 30, "connectFromSeconds": 40, "clientLifetimeSeconds": 20}
                """);
        assertThat(s.devices()).isEqualTo(5000);
        assertThat(s.connects()).isEqualTo(200);
        assertThat(s.durationNs()).isEqualTo(180_000_000_000L);
        assertThat(s.seed()).isEqualTo(9);
        assertThat(s.regions()).hasSize(2);
        assertThat(s.rendezvous()).containsExactly("eu", "us", "us");
        assertThat(s.natMix()).containsEntry(NatPreset.PORT_RESTRICTED, 3.0).containsEntry(NatPreset.SYMMETRIC_RANDOM, 1.0);
        assertThat(s.cellularShare()).isEqualTo(0.25);
        assertThat(s.links().deviceEdgeNs()).isEqualTo(15_000_000L);
        assertThat(s.links().jitterNs()).isEqualTo(2_000_000L);
        assertThat(s.links().edgeLoss()).isEqualTo(0.01);
        assertThat(s.links().burstLoss()).isEqualTo(new DeviceSimSpec.GilbertElliott(0.01, 0.3, 0, 0.5));
        assertThat(s.registerSpreadNs()).isEqualTo(30_000_000_000L);
        assertThat(s.clientLifetimeNs()).isEqualTo(20_000_000_000L);
    }

    @Test
    void onlyDevicesIsRequired() {
        DeviceSimSpec s = SpecReader.parse("{\"devices\": 10}");
        assertThat(s.devices()).isEqualTo(10);
        assertThat(s.rendezvous()).hasSize(1);
        assertThat(s.crypto()).isEqualTo(DeviceSimSpec.Crypto.REAL);
        assertThat(s.clientExit()).isEqualTo(DeviceSimSpec.ClientExit.CLOSE);
    }

    @Test
    void readsCryptoAndClientExitAndNamesThemInErrors() {
        DeviceSimSpec s = SpecReader.parse("{\"devices\": 10, \"crypto\": \"modelled\", \"clientExit\": \"vanish\"}");
        assertThat(s.crypto()).isEqualTo(DeviceSimSpec.Crypto.MODELLED);
        assertThat(s.clientExit()).isEqualTo(DeviceSimSpec.ClientExit.VANISH);
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 1, \"crypto\": \"none\"}"))
                .hasMessageContaining("crypto: must be");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 1, \"clientExit\": 3}"))
                .hasMessageContaining("clientExit: must be");
    }

    @Test
    void readsThePingInterval() {
        assertThat(SpecReader.parse("{\"devices\": 10}").pingIntervalNs()).isEqualTo(DeviceSimSpec.DEFAULT_PING_INTERVAL_NS);
        assertThat(SpecReader.parse("{\"devices\": 10, \"pingIntervalMs\": 250}").pingIntervalNs()).isEqualTo(250_000_000L);
        assertThat(SpecReader.parse("{\"devices\": 10, \"pingIntervalMs\": 0}").pingIntervalNs()).isZero();
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 1, \"pingIntervalMs\": -5}"))
                .hasMessageContaining("pingIntervalMs");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 1, \"pingIntervalMs\": \"often\"}"))
                .hasMessageContaining("pingIntervalMs: expected a number");
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> SpecReader.parse("{}")).hasMessageContaining("devices: required");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": \"many\"}")).hasMessageContaining("devices: expected an integer");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 0}")).hasMessageContaining("devices: must be in");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 1, \"devicez\": 2}")).hasMessageContaining("devicez: unknown field");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 1, \"links\": {\"deviceEdgeMs\": \"fast\"}}"))
                .hasMessageContaining("links.deviceEdgeMs: expected a number");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 1, \"natMix\": {\"cone\": 1}}"))
                .hasMessageContaining("natMix.cone: unknown NAT preset");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 1, \"rendezvous\": [\"mars\"]}"))
                .hasMessageContaining("rendezvous: no region named 'mars'");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 1, \"regions\": [{\"name\": \"a\", \"latitude\": 91}]}"))
                .hasMessageContaining("regions[0].latitude: must be in");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 1, \"cellularShare\": 2}")).hasMessageContaining("cellularShare");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 1, \"links\": {\"burstLoss\": {\"lossBad\": 2}}}"))
                .hasMessageContaining("links.burstLoss.lossBad");
    }

    @Test
    void readsTheCarrierAndBottleneckFields(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("lte.down");
        Files.writeString(trace, "1\n1\n3\n7\n");
        DeviceSimSpec s = SpecReader.parse("""
                {"devices": 100, "cellularShare": 0.5, "cellularNat": "cgnat-cellular",
                 "cgnat": {"subscribersPerBox": 16, "preset": "full-cone", "portBlock": 1024, "hairpinning": true},
                 "cascadedShare": 0.25, "sameNatConnectShare": 0.1,
                 "links": {"bottleneckKbit": 2000, "queueBytes": 30000, "cellularTrace": "%s"}}
                """.formatted(trace.toString().replace("\\", "\\\\")));
        assertThat(s.cgnat()).isEqualTo(new DeviceSimSpec.Cgnat(16, NatPreset.FULL_CONE, 1024, true));
        assertThat(s.cascadedShare()).isEqualTo(0.25);
        assertThat(s.sameNatConnectShare()).isEqualTo(0.1);
        assertThat(s.links().bottleneck()).isEqualTo(new DeviceSimSpec.Bottleneck(2000, 30000, trace.toString()));
        // Defaults: the preset is cellularNat's, one shared pool of ports, the preset's hairpinning (off).
        DeviceSimSpec d = SpecReader.parse("{\"devices\": 10, \"cgnat\": {}, \"links\": {\"cellularTrace\": \"synthetic\"}}");
        assertThat(d.cgnat()).isEqualTo(new DeviceSimSpec.Cgnat(64, NatPreset.CGNAT_CELLULAR, 0, false));
        assertThat(d.links().bottleneck().cellularTrace()).isEqualTo("synthetic");
        assertThat(SpecReader.parse("{\"devices\": 10}").cgnat()).isNull();
    }

    @Test
    void errorsNameTheCarrierAndBottleneckFields(@TempDir Path dir) throws IOException {
        String[][] cases = {
                {"\"cgnat\": {\"subscribersPerBox\": 0}", "cgnat.subscribersPerBox: must be in"},
                {"\"cgnat\": {\"subscribersPerBox\": \"many\"}", "cgnat.subscribersPerBox: expected an integer"},
                {"\"cgnat\": {\"preset\": \"carrier\"}", "cgnat.preset: unknown NAT preset"},
                {"\"cgnat\": {\"preset\": \"open\"}", "cgnat.preset: 'open' is no NAT"},
                {"\"cgnat\": {\"portBlock\": 40000}", "cgnat.portBlock: must be in [0, 32768]"},
                {"\"cgnat\": {\"hairpinning\": \"yes\"}", "cgnat.hairpinning: expected true or false"},
                {"\"cgnat\": {\"subscribersPerBox\": 64, \"portBlock\": 1024}", "cgnat.portBlock: 64 subscribers x 1024 ports exceed"},
                {"\"cgnat\": {\"ports\": 1}", "cgnat.ports: unknown field"},
                {"\"cgnat\": 3", "cgnat: expected an object"},
                {"\"cgnat\": {}, \"cascadedShare\": 1.5", "cascadedShare: must be in"},
                {"\"cascadedShare\": 0.5", "cascadedShare: needs a cgnat section"},
                {"\"cgnat\": {}, \"sameNatConnectShare\": -1", "sameNatConnectShare: must be in"},
                {"\"sameNatConnectShare\": 0.5", "sameNatConnectShare: needs a cgnat section"},
                {"\"links\": {\"bottleneckKbit\": -5}", "links.bottleneckKbit: must be in"},
                {"\"links\": {\"bottleneckKbit\": 1.5}", "links.bottleneckKbit: expected an integer"},
                {"\"links\": {\"queueBytes\": 0}", "links.queueBytes: must be in"},
                {"\"links\": {\"cellularTrace\": 5}", "links.cellularTrace: expected \"synthetic\" or"},
                {"\"links\": {\"cellularTrace\": \"\"}", "links.cellularTrace: expected"},
                {"\"links\": {\"cellularTrace\": \"/no/such/trace\"}", "links.cellularTrace: cannot use '/no/such/trace'"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 10, " + c[0] + "}")).as(c[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c[1]);
        }
        Path bad = dir.resolve("bad.down");
        Files.writeString(bad, "5\n3\n");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 10, \"links\": {\"cellularTrace\": \"" + bad + "\"}}"))
                .hasMessageContaining("links.cellularTrace: cannot use").hasMessageContaining("must not decrease");
        Path text = dir.resolve("text.down");
        Files.writeString(text, "fast\n");
        assertThatThrownBy(() -> SpecReader.parse("{\"devices\": 10, \"links\": {\"cellularTrace\": \"" + text + "\"}}"))
                .hasMessageContaining("links.cellularTrace: cannot use");
    }

    @Test
    void malformedJsonGetsAClearErrorNotACrash() {
        for (String bad : new String[] {"", "[", "{\"devices\": 1,", "null", "[1,2]", "{\"devices\": 1e400}", "\u0000"}) {
            assertThatThrownBy(() -> SpecReader.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
