package net.overlay.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build rule that keeps the protocol core sans-IO (DESIGN.md): code under {@code ..proto..}
 * never reads a clock or random source, never opens a socket or file, never starts a thread, and
 * never touches Pekko. Time and randomness arrive as arguments or through the {@code spi} ports;
 * that is what lets the same classes run for real and in virtual time.
 */
class SansIoRulesTest {
    private static final String PROTO = "net.overlay.core.proto..";
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("net.overlay.core");
    }

    @Test
    void protocolCodeReadsNoClock() {
        ArchRule rule = noClasses().that().resideInAPackage(PROTO)
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.InstantSource")
                .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.base.DescribedPredicate.describe("a now() method of java.time",
                                t -> t.getOwner().getPackageName().equals("java.time") && t.getName().equals("now"))))
                .because("protocol code takes time as a nowNs argument (DESIGN.md, the sans-IO core)");
        rule.check(classes);
    }

    @Test
    void protocolCodeDrawsNoUninjectedRandomness() {
        ArchRule rule = noClasses().that().resideInAPackage(PROTO)
                .should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.SplittableRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().callMethod(Math.class, "random")
                .orShould().callMethod(java.util.random.RandomGenerator.class, "getDefault")
                .orShould().callMethod(java.util.random.RandomGenerator.class, "of", String.class)
                .because("randomness is injected through RandomSource so that simulation is repeatable");
        rule.check(classes);
    }

    @Test
    void protocolCodeOpensNoSocketOrFile() {
        ArchRule rule = noClasses().that().resideInAPackage(PROTO)
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.channels..", "java.nio.file..")
                .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|Random).*")
                .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\..*(Stream|Reader|Writer)")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.ServerSocket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.DatagramSocket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.MulticastSocket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URL")
                .orShould().callMethod(java.net.InetAddress.class, "getByName", String.class)
                .orShould().callMethod(java.net.InetAddress.class, "getAllByName", String.class)
                .orShould().callMethod(java.net.InetAddress.class, "getLocalHost")
                .orShould().callConstructor(java.net.InetSocketAddress.class, String.class, int.class)
                .because("all I/O goes through the spi ports that a driver supplies");
        rule.check(classes);
    }

    @Test
    void protocolCodeStartsNoThreadAndUsesNoActors() {
        ArchRule rule = noClasses().that().resideInAPackage(PROTO)
                .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "scala..")
                .because("a state machine is driven by its host, one input at a time");
        rule.check(classes);
    }
}
