package net.overlay.lab.natmix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import net.overlay.core.nat.NatPreset;
import net.overlay.lab.run.LabRunner;
import net.overlay.lab.run.ScenarioCatalog;
import net.overlay.lab.scenario.ScenarioException;
import net.overlay.lab.scenario.ScenarioFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatMixScenarioTest {
    private final ScenarioCatalog catalog = ScenarioCatalog.standard();

    @TempDir
    Path tmp;

    private String errorOf(String params) {
        String json = "{\"name\": \"x\", \"kind\": \"nat-mix\", \"params\": " + params + "}";
        try {
            catalog.prepare(ScenarioFile.parse(json, "t.json"), false);
        } catch (ScenarioException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + params);
    }

    @Test
    void badWeightsAndBudgetsNameTheField() {
        assertThat(errorOf("{\"deviceMix\": {\"cgnat\": 3}}")).contains("params.deviceMix.cgnat", "unknown field",
                "cgnat-cellular");
        assertThat(errorOf("{\"clientMix\": {\"open\": -1}}")).contains("params.clientMix.open", "between 0 and");
        assertThat(errorOf("{\"clientMix\": {\"open\": 0, \"full-cone\": 0, \"restricted\": 0, \"port-restricted\": 0,"
                + " \"symmetric-sequential\": 0, \"symmetric-random\": 0, \"linux-masquerade\": 0,"
                + " \"cgnat-cellular\": 0, \"cloud-nat\": 0}}")).contains("params.clientMix", "above 0");
        assertThat(errorOf("{\"birthdayBudgets\": [256, 256]}")).contains("params.birthdayBudgets", "twice");
        assertThat(errorOf("{\"latencyMinMs\": 50, \"latencyMaxMs\": 10}")).contains("params.latencyMaxMs");
    }

    @Test
    void aPartialMixKeepsTheOtherDefaultWeights() {
        String json = "{\"name\": \"x\", \"kind\": \"nat-mix\", \"params\": {\"deviceMix\": {\"open\": 5,"
                + " \"cloud-nat\": 0}}}";
        ScenarioCatalog.Preparation p = catalog.prepare(ScenarioFile.parse(json, "t.json"), false);
        @SuppressWarnings("unchecked")
        Map<String, Object> device = (Map<String, Object>) p.params().resolved().get("deviceMix");
        assertThat(device).containsEntry("open", 5).containsEntry("cloud-nat", 0).containsEntry("port-restricted", 32);
    }

    @Test
    void drawsFollowTheWeights() {
        Map<NatPreset, Integer> mix = Map.of(NatPreset.OPEN, 1, NatPreset.CLOUD_NAT, 3);
        SplittableRandom r = new SplittableRandom(3);
        int cloud = 0;
        for (int i = 0; i < 4000; i++) {
            cloud += NatMixSettings.draw(new java.util.LinkedHashMap<>(mix), r) == NatPreset.CLOUD_NAT ? 1 : 0;
        }
        assertThat(cloud).isBetween(2850, 3150);
    }

    @Test
    void wilsonIntervalContainsTheRateAndStaysInRange() {
        assertThat(NatMixRun.wilson(0, 10)[0]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(NatMixRun.wilson(10, 10)[1]).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9));
        double[] ci = NatMixRun.wilson(70, 100);
        // Wilson 95% for 70/100: 60.4% to 78.1%.
        assertThat(ci[0]).isBetween(60.3, 60.5);
        assertThat(ci[1]).isBetween(78.0, 78.2);
    }

    private Path run(String dir, long seed) throws IOException {
        Path file = tmp.resolve("tiny.json");
        Files.writeString(file, """
                {"name": "tiny-mix", "kind": "nat-mix", "params": {"attempts": 6,
                 "deviceMix": {"port-restricted": 1, "full-cone": 0, "restricted": 0, "linux-masquerade": 0,
                   "cgnat-cellular": 0, "symmetric-sequential": 0, "symmetric-random": 1, "cloud-nat": 0},
                 "clientMix": {"port-restricted": 1, "open": 0, "full-cone": 0, "restricted": 0,
                   "linux-masquerade": 0, "cgnat-cellular": 0, "symmetric-sequential": 0, "symmetric-random": 0,
                   "cloud-nat": 0}}}
                """);
        LabRunner runner = new LabRunner(catalog, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), false);
        return runner.run(new LabRunner.Request(file.toString(), Optional.of(seed), false,
                Optional.of(tmp.resolve(dir)), Optional.empty())).dir();
    }

    @Test
    void aTinyRunWritesItsFilesAndBirthdayProbingOnlyHelps() throws IOException {
        Path d = run("a", 5);
        List<String> rows = Files.readAllLines(d.resolve("natmix-attempts.csv"));
        assertThat(rows).hasSize(1 + 6 * 2);
        assertThat(d.resolve("natmix-direct.svg")).content().contains("<svg");
        assertThat(d.resolve("report.html")).content().contains("libp2p", "Tailscale", "95% CI");
        // port-restricted to port-restricted always goes direct; random-symmetric to port-restricted
        // needs birthday probing, so the arm without it never does better.
        int with = 0;
        int without = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            boolean direct = f[7].equals("true");
            if (f[2].equals("port-restricted")) {
                assertThat(direct).as(row).isTrue();
            }
            if (direct) {
                if (f[4].equals("256")) {
                    with++;
                } else {
                    without++;
                }
            }
        }
        assertThat(with).isGreaterThanOrEqualTo(without);
    }

    @Test
    void theSameSeedGivesIdenticalDataAndAnotherSeedDifferentDraws() throws IOException {
        Path a = run("a", 9);
        Path b = run("b", 9);
        Path c = run("c", 10);
        for (String f : List.of("natmix-attempts.csv", "natmix-pairs.csv", "natmix-summary.json")) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        assertThat(Files.readString(c.resolve("natmix-attempts.csv")))
                .isNotEqualTo(Files.readString(a.resolve("natmix-attempts.csv")));
    }
}
