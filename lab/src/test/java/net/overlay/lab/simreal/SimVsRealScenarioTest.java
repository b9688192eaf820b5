package net.overlay.lab.simreal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.overlay.core.nat.NatPreset;
import net.overlay.lab.report.Outputs;
import net.overlay.lab.report.Report;
import net.overlay.lab.run.LabRunner;
import net.overlay.lab.run.ScenarioCatalog;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.ScenarioException;
import net.overlay.lab.scenario.ScenarioFile;
import net.overlay.lab.testbed.NatMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimVsRealScenarioTest {
    @TempDir
    Path tmp;

    @Test
    void withoutRootTheRunStopsBeforeAnyWorkSayingItNeedsRoot() {
        String why = "needs root (network namespaces, nftables and tc for the testbed); run it as root";
        SimVsRealScenario scenario = new SimVsRealScenario(() -> why);
        var prepared = scenario.prepare(ScenarioFile.parse("{\"name\": \"x\", \"kind\": \"sim-vs-real\"}", "test")
                .params(true));
        RunContext context = new RunContext(1, true, Optional.empty(), units -> { },
                new Outputs(tmp, new Report()));
        assertThatThrownBy(() -> prepared.run(context)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("sim-vs-real needs root");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void theTestbedCheckNamesRootWhenNotRunAsRoot() {
        assumeTrue(!net.overlay.lab.testbed.TestbedControl.isRoot(), "SKIPPED: runs as root, the check passes");
        assertThat(SimVsRealScenario.whyNoTestbed()).startsWith("needs root");
    }

    @Test
    void theQuickVariantRunsTwoPairs() {
        ScenarioCatalog catalog = ScenarioCatalog.standard();
        var prep = catalog.prepare(catalog.resolve("sim-vs-real"), true);
        assertThat(prep.run().workUnits()).isEqualTo(2);
        assertThat(catalog.prepare(catalog.resolve("sim-vs-real"), false).run().workUnits()).isEqualTo(5);
    }

    @Test
    void eachTestbedModeMapsToThePresetThatModelsIt() {
        assertThat(SimVsRealSettings.presetOf(NatMode.MASQUERADE)).isEqualTo(NatPreset.LINUX_MASQUERADE);
        assertThat(SimVsRealSettings.presetOf(NatMode.RANDOM)).isEqualTo(NatPreset.LINUX_MASQUERADE_RANDOM);
        assertThat(SimVsRealSettings.presetOf(NatMode.FULLY_RANDOM)).isEqualTo(NatPreset.LINUX_MASQUERADE_RANDOM);
    }

    @Test
    void theSimulatorHalfCountsOnlyThePairsRecordsAndRepeatsForASeed() {
        SimPair.Result a = SimPair.run(NatPreset.LINUX_MASQUERADE, NatPreset.LINUX_MASQUERADE_RANDOM, 12, 5, 20, 7);
        SimPair.Result b = SimPair.run(NatPreset.LINUX_MASQUERADE, NatPreset.LINUX_MASQUERADE_RANDOM, 12, 5, 20, 7);
        assertThat(b).isEqualTo(a);
        assertThat(a.attempts()).isPositive().isLessThan(24);
        assertThat(a.direct() + a.relayed() + a.failed()).isEqualTo(a.attempts());
        SimPair.Result easy = SimPair.run(NatPreset.LINUX_MASQUERADE, NatPreset.LINUX_MASQUERADE, 10, 5, 20, 7);
        assertThat(easy.attempts()).isEqualTo(10);
        assertThat(easy.majority()).isEqualTo("direct");
    }

    @Test
    void aMissedPunchBetweenTwoMasqueradesIsPutDownToTheConntrackClash() {
        var pair = new SimVsRealSettings.Pair(NatMode.MASQUERADE, NatMode.MASQUERADE);
        var row = new SimVsRealScenario.PairRow(pair,
                new RealPair.Result(3, 1, 2, 0, 2000, 200, 20, ""),
                new SimPair.Result(40, 40, 0, 0, 80, "primed 40", "0"));
        SimVsRealSettings s = SimVsRealSettings.read(ScenarioFile.parse("{\"name\": \"x\", \"kind\": \"sim-vs-real\"}",
                "test").params(false));
        assertThat(SimVsRealOutput.reason(s, row)).contains("conntrack port clash", "testbed 1 direct, 2 relayed, 0 failed of 3", "load average 20.0");
    }

    @Test
    void aBirthdayPairsSplitIsJudgedAgainstTheSimulatorsOdds() {
        SimVsRealSettings s = SimVsRealSettings.read(ScenarioFile.parse("{\"name\": \"x\", \"kind\": \"sim-vs-real\"}",
                "test").params(false));
        var pair = new SimVsRealSettings.Pair(NatMode.MASQUERADE, NatMode.RANDOM);
        SimPair.Result sim = new SimPair.Result(25, 16, 9, 0, 300, "birthday 25", "0");
        // 1 of 3 against 64%: probability 0.30 of so few, a draw of the same odds.
        var unlucky = new SimVsRealScenario.PairRow(pair, new RealPair.Result(3, 1, 2, 0, 2000, 300, 5, ""), sim);
        assertThat(SimVsRealOutput.reason(s, unlucky)).contains("birthday probing", "64%", "probability 0.30",
                "sampling");
        // 0 of 7 against 64%: 0.0008, not sampling.
        var off = new SimVsRealScenario.PairRow(pair, new RealPair.Result(7, 0, 7, 0, 2000, 300, 5, ""), sim);
        assertThat(SimVsRealOutput.reason(s, off)).contains("probability 0.00", "more than sampling");
    }

    @Test
    void theTailProbabilityIsTheBinomialsOnTheCountsSide() {
        assertThat(SimVsRealOutput.tailProbability(0, 3, 0.5)).isCloseTo(0.125, within(1e-12));
        assertThat(SimVsRealOutput.tailProbability(3, 3, 0.5)).isCloseTo(0.125, within(1e-12));
        assertThat(SimVsRealOutput.tailProbability(1, 3, 0.64)).isCloseTo(0.36 * 0.36 * 0.36 + 3 * 0.64 * 0.36 * 0.36,
                within(1e-12));
        assertThat(SimVsRealOutput.tailProbability(0, 5, 0)).isEqualTo(1.0);
    }

    /** Root only: one pair end to end, about a minute on a loaded machine. */
    @Test
    void onePairOnTheTestbedAgreesWithTheSimulator() throws IOException {
        assumeTrue(SimVsRealScenario.whyNoTestbed() == null, "SKIPPED: the namespace testbed needs root and ip/nft/tc");
        Path file = tmp.resolve("one.json");
        Files.writeString(file, """
                {"name": "one", "kind": "sim-vs-real", "params": {"pairs": ["random/random"], "attempts": 1, "simConnects": 10}}
                """);
        LabRunner runner = new LabRunner(ScenarioCatalog.standard(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        Path dir = runner.run(new LabRunner.Request(file.toString(), Optional.of(1L), false,
                Optional.of(tmp.resolve("out")), Optional.empty())).dir();
        List<String> rows = Files.readAllLines(dir.resolve("simvsreal-pairs.csv"));
        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst()).contains("testbed_outcome", "sim_outcome", "sim_strategies", "agree", "reason");
        // Two symmetric random-port NATs: no direct path in either world (docs/testbed.md, check 4).
        assertThat(rows.get(1)).startsWith("random/random,linux-masquerade-random,linux-masquerade-random,relayed,0,1,0,")
                .contains(",relayed,0,10,");
    }
}
