package net.overlay.lab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.List;

/** {@code ./overlay connect}: Open a tunnel: connect DEVICE SERVICE [--local 127.0.0.1:PORT]. */
@Command(name = "connect", description = "Open a tunnel: connect DEVICE SERVICE [--local 127.0.0.1:PORT].")
final class ConnectCommand extends NotBuiltYet {

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "DEVICE SERVICE [--local 127.0.0.1:PORT]")
    List<String> args;

    @Override
    String what() {
        return "'connect' (tunnels arrive with issue #7)";
    }
}
