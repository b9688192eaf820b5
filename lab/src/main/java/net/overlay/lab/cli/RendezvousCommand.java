package net.overlay.lab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.List;

/** {@code ./overlay rendezvous}: A rendezvous cluster node: start --config FILE | start --dev. */
@Command(name = "rendezvous", description = "A rendezvous cluster node: start --config FILE | start --dev.")
final class RendezvousCommand extends NotBuiltYet {

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "start --config FILE | start --dev")
    List<String> args;

    @Override
    String what() {
        return "'rendezvous' (the rendezvous cluster arrives with issue #6)";
    }
}
