package net.overlay.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.overlay.lab.run.ScenarioCatalog;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {
    private final ScenarioCatalog catalog = ScenarioCatalog.standard();

    private static final String GOOD = """
            {
              "name": "my-matrix",
              "kind": "punch-matrix",
              "description": "three presets",
              "seed": 42,
              "params": {"presets": ["open", "port-restricted", "cloud-nat"], "attempts": 7, "latencyMaxMs": 30},
              "quick": {"attempts": 2}
            }
            """;

    private static ScenarioFile parse(String json) {
        return ScenarioFile.parse(json, "test.json");
    }

    /** The message a bad file gets, from parsing through preparing its full and quick variants. */
    private String errorOf(String json) {
        try {
            catalog.prepare(parse(json), false);
        } catch (ScenarioException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + json);
    }

    private static String withParams(String params) {
        return "{\"name\": \"x\", \"kind\": \"punch-matrix\", \"params\": " + params + "}";
    }

    @Test
    void aGoodFileResolvesEveryParameterWithDefaultsForTheAbsentOnes() {
        ScenarioFile f = parse(GOOD);
        assertThat(f.name()).isEqualTo("my-matrix");
        assertThat(f.seed()).isEqualTo(42);
        ScenarioCatalog.Preparation full = catalog.prepare(f, false);
        Map<String, Object> p = full.params().resolved();
        assertThat(p).containsEntry("presets", List.of("open", "port-restricted", "cloud-nat"))
                .containsEntry("attempts", 7).containsEntry("latencyMaxMs", 30).containsEntry("birthdayBudget", 256)
                .containsKeys("probeRounds", "latencyMinMs", "startSkewMaxMs", "attemptTimeoutMs");
        assertThat(full.run().workUnits()).isEqualTo(6 * 7);
        assertThat(catalog.prepare(f, true).run().workUnits()).isEqualTo(6 * 2);
    }

    @Test
    void everyBuiltInScenarioParsesAndPreparesInBothVariants() {
        for (ScenarioFile f : catalog.builtIns()) {
            assertThat(catalog.prepare(f, false).run().workUnits()).as(f.name()).isPositive();
            assertThat(catalog.prepare(f, true).run().workUnits()).as(f.name())
                    .isLessThan(catalog.prepare(f, false).run().workUnits());
        }
    }

    @Test
    void anUnknownParameterIsNamedWithTheAllowedOnes() {
        assertThat(errorOf(withParams("{\"atempts\": 3}"))).contains("params.atempts", "unknown field", "attempts",
                "birthdayBudget", "presets");
    }

    @Test
    void anUnknownTopLevelFieldIsNamed() {
        assertThat(errorOf("{\"name\": \"x\", \"kind\": \"punch-matrix\", \"sed\": 3}")).contains("sed", "unknown field",
                "seed");
    }

    @Test
    void aWrongTypeIsNamedWithWhatIsExpected() {
        assertThat(errorOf(withParams("{\"attempts\": \"ten\"}"))).contains("params.attempts", "must be an integer",
                "\"ten\"");
        assertThat(errorOf(withParams("{\"presets\": \"open\"}"))).contains("params.presets", "list");
        assertThat(errorOf("{\"name\": \"x\", \"kind\": \"punch-matrix\", \"seed\": 1.5}")).contains("seed", "integer");
    }

    @Test
    void anOutOfRangeValueIsNamedWithTheRange() {
        assertThat(errorOf(withParams("{\"attempts\": 0}"))).contains("params.attempts", "between 1 and 100000", "got 0");
        assertThat(errorOf(withParams("{\"latencyMinMs\": 50, \"latencyMaxMs\": 10}"))).contains("params.latencyMaxMs",
                ">= latencyMinMs");
    }

    @Test
    void anUnknownNatPresetIsNamedWithItsIndexAndTheAllowedPresets() {
        assertThat(errorOf(withParams("{\"presets\": [\"open\", \"symetric\"]}"))).contains("params.presets[1]",
                "\"symetric\"", "full-cone", "port-restricted", "cloud-nat");
    }

    @Test
    void theEngineDefaultsToTheFullProtocolAndAnUnknownOneIsNamed() {
        assertThat(catalog.prepare(parse(GOOD), false).params().resolved()).containsEntry("engine", "protocol")
                .containsEntry("rendezvousLatencyMs", 10);
        assertThat(errorOf(withParams("{\"engine\": \"udp\"}"))).contains("params.engine", "protocol", "bare");
    }

    @Test
    void aDirectVersusRelayFileNamesABadPairARegionOrAPlacement() {
        String head = "{\"name\": \"x\", \"kind\": \"direct-vs-relay\", \"params\": ";
        assertThat(errorOf(head + "{\"pairs\": [\"open/open\", \"open-open\"]}}")).contains("params.pairs[1]",
                "open/full-cone");
        assertThat(errorOf(head + "{\"regions\": [\"mars\"]}}")).contains("params.regions[0]", "eu-west");
        assertThat(errorOf(head + "{\"relayPlacement\": \"moon\"}}")).contains("params.relayPlacement", "random",
                "device", "client");
        assertThat(errorOf(head + "{\"accessMinMs\": 40, \"accessMaxMs\": 10}}")).contains("params.accessMaxMs");
    }

    @Test
    void aBadQuickBlockIsCaughtEvenOnAFullRun() {
        String json = "{\"name\": \"x\", \"kind\": \"punch-matrix\", \"quick\": {\"attempts\": -1}}";
        assertThat(errorOf(json)).contains("quick.attempts", "between 1 and");
        String nested = "{\"name\": \"x\", \"kind\": \"quickstart\", \"quick\": {\"keepalive\": {\"intervals\": [1]}}}";
        assertThat(errorOf(nested)).contains("quick.keepalive.intervals", "unknown field", "intervalsS");
    }

    @Test
    void anUnknownKindListsTheKinds() {
        assertThat(errorOf("{\"name\": \"x\", \"kind\": \"punch\"}")).contains("kind", "punch-matrix", "keepalive",
                "quickstart");
    }

    @Test
    void missingFieldsAndBrokenJsonSayWhere() {
        assertThatThrownBy(() -> parse("{\"kind\": \"punch-matrix\"}")).hasMessageContaining("name: required");
        assertThatThrownBy(() -> parse("{\"name\": \"x\",\n \"kind\": }")).hasMessageContaining("test.json")
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> parse("{\"name\": \"Bad Name\", \"kind\": \"keepalive\"}"))
                .hasMessageContaining("name: must be");
        assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("JSON object");
    }

    @Test
    void anUnknownScenarioNameListsTheBuiltIns() {
        assertThatThrownBy(() -> catalog.resolve("quickstrat")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("quickstart").hasMessageContaining("punch-matrix");
        assertThatThrownBy(() -> catalog.resolve("/nonexistent/x.json")).hasMessageContaining("no such file");
    }
}
