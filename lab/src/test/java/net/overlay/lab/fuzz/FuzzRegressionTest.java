package net.overlay.lab.fuzz;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every past finding, kept as a file under {@code src/test/resources/fuzz-regressions/TARGET/},
 * and every target's seeds, run through the target in this JVM (no Jazzer needed): none may fail
 * again. A new finding is added by copying its reproducer there (docs/fuzzing.md).
 */
class FuzzRegressionTest {

    static Stream<Arguments> inputs() throws IOException, URISyntaxException {
        List<Arguments> all = new ArrayList<>();
        for (FuzzTargets.Target t : FuzzTargets.all()) {
            List<byte[]> seeds = t.seeds().get();
            for (int i = 0; i < seeds.size(); i++) {
                all.add(Arguments.of(t.name(), "seed-" + i, seeds.get(i)));
            }
            URL folder = FuzzRegressionTest.class.getResource("/fuzz-regressions/" + t.name());
            if (folder != null) {
                try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                    for (Path f : files.sorted().toList()) {
                        all.add(Arguments.of(t.name(), f.getFileName().toString(), Files.readAllBytes(f)));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("inputs")
    void pastFindingsAndSeedsPass(String target, String input, byte[] data) {
        FuzzTargets.Target t = FuzzTargets.find(target).orElseThrow();
        assertThatCode(() -> t.runOne().accept(data)).doesNotThrowAnyException();
    }
}
