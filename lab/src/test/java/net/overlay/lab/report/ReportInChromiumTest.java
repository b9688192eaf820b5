package net.overlay.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import net.overlay.lab.run.LabRunner;
import net.overlay.lab.run.ScenarioCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders a quick run's report in headless Chromium, when the machine has it (Debian package chromium). */
class ReportInChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path tmp;

    static Path report;

    @BeforeAll
    static void runQuickstart() throws IOException {
        System.setProperty("java.awt.headless", "true");
        LabRunner runner = new LabRunner(ScenarioCatalog.standard(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        report = runner.run(new LabRunner.Request("quickstart", Optional.of(3L), true, Optional.of(tmp.resolve("run")),
                Optional.empty())).dir().resolve("report.html");
    }

    private static String chromium(String... extra) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is not installed (apt-get install chromium)");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "profile")));
        cmd.addAll(List.of(extra));
        cmd.add(report.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium-stderr.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return out;
    }

    @Test
    void theReportRendersToANonTrivialScreenshot() throws Exception {
        Path png = tmp.resolve("shot.png");
        chromium("--screenshot=" + png, "--window-size=1200,2000");
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(20_000);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        int first = img.getRGB(0, 0);
        long differing = 0;
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                if (img.getRGB(x, y) != first) {
                    differing++;
                }
            }
        }
        // Text, charts and tables: far more than a few stray pixels differ from the background.
        assertThat(differing).isGreaterThan(2_000);
    }

    @Test
    void theRenderedDomHoldsTheTablesAndCharts() throws Exception {
        String dom = chromium("--dump-dom");
        assertThat(dom).contains("<table id=\"punch-pairs\"", "<table id=\"keepalive-survival\"", "<svg",
                "port-restricted", "What the charts show");
    }
}
