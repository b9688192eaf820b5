package net.overlay.sim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.overlay.core.nat.NatPreset;
import org.junit.jupiter.api.Test;

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
    void malformedJsonGetsAClearErrorNotACrash() {
        for (String bad : new String[] {"", "[", "{\"devices\": 1,", "null", "[1,2]", "{\"devices\": 1e400}", "\u0000"}) {
            assertThatThrownBy(() -> SpecReader.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
