package net.overlay.lab.testbed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs one of our main classes in another JVM: this JVM's {@code java} and
 * class path (under {@code ./overlay} that is {@code lab/target/overlay-lab.jar:lab/target/lib/*};
 * under Maven, the test class path), with the launcher's options. Used to start the delay lines
 * and the agents inside namespaces ({@code ip netns exec NS} + this). Stateless.
 */
public final class JavaCommand {
    /** Our choice: a testbed runs several JVMs on a small machine; none of them needs more. */
    static final String HEAP = "-Xmx256m";

    private JavaCommand() {
    }

    /** {@code java OPTIONS -cp CP mainClass args...}. */
    public static List<String> of(String mainClass, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseCompactObjectHeaders", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), mainClass));
        argv.addAll(args);
        return argv;
    }

    /** {@code ./overlay ARGS} as a separate JVM: the CLI's main class. */
    public static List<String> overlay(String... args) {
        return of("net.overlay.lab.cli.Main", List.of(args));
    }
}
