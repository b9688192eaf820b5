package net.overlay.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build rule that keeps the protocol core sans-IO: code under {@code ..proto..} never reads a
 * clock or random source, never opens a socket or file, never starts a thread, never touches Pekko.
 * Each rule is also run against a fixture package of deliberate violations, so a rule that
 * silently matches nothing (a renamed package, an ArchUnit that cannot read the class files) fails.
 */
class SansIoRulesTest {
    /** Protocol code, and the NAT models the simulator runs in virtual time. */
    private static final String[] SANS_IO = {"net.overlay.core.proto..", "net.overlay.core.nat.."};
    private static final String FIXTURE = "net.overlay.core.arch.fixture..";
    private static JavaClasses production;
    private static JavaClasses fixtures;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("net.overlay.core");
        fixtures = new ClassFileImporter().importPackages("net.overlay.core.arch.fixture");
    }

    static java.util.stream.Stream<Arguments> rules() {
        return java.util.stream.Stream.of(
                Arguments.of("no clock", (Function<String[], ArchRule>) SansIoRules::noClock),
                Arguments.of("no uninjected randomness", (Function<String[], ArchRule>) SansIoRules::noUninjectedRandomness),
                Arguments.of("no socket or file", (Function<String[], ArchRule>) SansIoRules::noSocketOrFile),
                Arguments.of("no threads or actors", (Function<String[], ArchRule>) SansIoRules::noThreadsOrActors));
    }

    @ParameterizedTest(name = "protocol code obeys: {0}")
    @MethodSource("rules")
    void protocolCodeObeysRule(String name, Function<String[], ArchRule> rule) {
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("net.overlay.core.proto")))
                .as("the proto packages were imported").isNotEmpty();
        rule.apply(SANS_IO).check(production);
    }

    @ParameterizedTest(name = "rule catches a violation: {0}")
    @MethodSource("rules")
    void ruleCatchesDeliberateViolation(String name, Function<String[], ArchRule> rule) {
        EvaluationResult result = rule.apply(new String[] {FIXTURE}).evaluate(fixtures);
        assertThat(result.hasViolation()).as("rule '%s' flags the fixture", name).isTrue();
    }
}
