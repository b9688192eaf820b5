package net.overlay.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.MethodCallTarget;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules that keep protocol code sans-IO (DESIGN.md): no clock, no uninjected randomness, no
 * socket or file, no thread, no actor. Parameterised by package so that a test can also prove each
 * rule catches a deliberate violation.
 */
final class SansIoRules {
    private SansIoRules() {}

    private static final DescribedPredicate<JavaCall<?>> JAVA_TIME_NOW = JavaCall.Predicates.target(
            DescribedPredicate.describe("a now() method of java.time",
                    t -> t.getOwner().getPackageName().equals("java.time") && t.getName().equals("now")));

    static ArchRule noClock(String... pkgs) {
        return noClasses().that().resideInAnyPackage(pkgs)
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.InstantSource")
                .orShould().callMethodWhere(JAVA_TIME_NOW)
                .because("protocol code takes time as a nowNs argument (DESIGN.md, the sans-IO core)");
    }

    static ArchRule noUninjectedRandomness(String... pkgs) {
        return noClasses().that().resideInAnyPackage(pkgs)
                .should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.SplittableRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().callMethod(Math.class, "random")
                .orShould().callMethod(java.util.random.RandomGenerator.class, "getDefault")
                .orShould().callMethod(java.util.random.RandomGenerator.class, "of", String.class)
                .because("randomness is injected through RandomSource so that simulation is repeatable");
    }

    static ArchRule noSocketOrFile(String... pkgs) {
        return noClasses().that().resideInAnyPackage(pkgs)
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
    }

    static ArchRule noThreadsOrActors(String... pkgs) {
        return noClasses().that().resideInAnyPackage(pkgs)
                .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "scala..")
                .because("a state machine is driven by its host, one input at a time");
    }
}
