package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.CongestionControls;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.RttView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CcCommandTest {
    /** The example plugin project, relative to the lab module (surefire's working directory). */
    private static final Path EXAMPLE = Path.of("examples", "cc-plugin");
    private static final String SERVICES = "META-INF/services/" + CongestionControlFactory.class.getName();

    private static String runCli(ClassLoader contextLoader, String... args) {
        PrintStream oldOut = System.out;
        Thread thread = Thread.currentThread();
        ClassLoader oldLoader = thread.getContextClassLoader();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            thread.setContextClassLoader(contextLoader);
            assertThat(Main.execute(args)).isZero();
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(oldOut);
            thread.setContextClassLoader(oldLoader);
        }
    }

    @Test
    void ccListPrintsEveryShippedControllerWithItsDescription() {
        String out = runCli(CcCommandTest.class.getClassLoader(), "cc", "list");
        assertThat(out).contains("bbr", "cubic", "ledbat", "newreno", "sprout", "sprout-ewma", "vegas");
        assertThat(out).containsPattern("cubic +CUBIC after RFC 9438");
        assertThat(out.indexOf("bbr")).isLessThan(out.indexOf("vegas"));
    }

    @Test
    void ccWithoutASubcommandShowsItsUsage() {
        assertThat(runCli(CcCommandTest.class.getClassLoader(), "cc")).contains("list");
    }

    /** Compiles the example's sources against overlay-core, as a researcher's build would. */
    private static Path compileExample(Path dir) throws IOException, URISyntaxException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path core = Path.of(CongestionControlFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> sources;
        try (Stream<Path> files = Files.walk(EXAMPLE.resolve("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        assertThat(sources).isNotEmpty();
        var errors = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, errors,
                Stream.concat(Stream.of("-d", classes.toString(), "-cp", core.toString()), sources.stream())
                        .toArray(String[]::new));
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        Path services = classes.resolve(SERVICES);
        Files.createDirectories(services.getParent());
        Files.copy(EXAMPLE.resolve("src/main/resources").resolve(SERVICES), services);
        return classes;
    }

    @Test
    void aResearchersJarIsAllItTakes(@TempDir Path dir) throws Exception {
        Path classes = compileExample(dir);
        try (var loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, CcCommandTest.class.getClassLoader())) {
            assertThat(CongestionControls.find("example-aimd", loader).name()).isEqualTo("example-aimd");
            assertThat(runCli(loader, "cc", "list")).containsPattern("example-aimd +Example plugin");
            // By class name too, as a scenario file may name it.
            var byClass = CongestionControls.find("org.example.cc.ExampleAimd", loader);
            assertThat(byClass.name()).isEqualTo("org.example.cc.ExampleAimd");

            CongestionControl cc = CongestionControls.find("example-aimd", loader)
                    .create(new CongestionConfig(1200, 12_000, 2400, 1, Map.of("beta", "0.5")));
            RttView rtt = new FixedRtt(40_000_000L);
            for (int i = 0; i < 10; i++) {
                cc.onPacketSent(i, i, 1200, (i + 1) * 1200L);
            }
            for (int i = 0; i < 10; i++) {
                cc.onAck(new AckSample(40_000_000L + i, 1200, 1, i, i, (9 - i) * 1200L, 0, 0, false), rtt);
            }
            assertThat(cc.congestionWindowBytes()).isEqualTo(13_200);
            cc.onCongestionEvent(new LossSample(80_000_000L, 1200, 1, 11, 50_000_000L, false, 0), rtt);
            assertThat(cc.congestionWindowBytes()).isEqualTo(6_600);
        }
    }

    private record FixedRtt(long rttNs) implements RttView {
        @Override
        public long latestRttNs() {
            return rttNs;
        }

        @Override
        public long smoothedRttNs() {
            return rttNs;
        }

        @Override
        public long rttVarianceNs() {
            return 0;
        }

        @Override
        public long minRttNs() {
            return rttNs;
        }
    }
}
