package net.overlay.lab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.List;

/** {@code ./overlay testbed}: The real-NAT testbed in network namespaces: up|down|status. */
@Command(name = "testbed", description = "The real-NAT testbed in network namespaces: up|down|status.")
final class TestbedCommand extends NotBuiltYet {

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "up|down|status")
    List<String> args;

    @Override
    String what() {
        return "'testbed' (the namespace testbed arrives with issue #7)";
    }
}
