package net.overlay.lab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.List;

/** {@code ./overlay cc}: Congestion controllers: list those found on the class path. */
@Command(name = "cc", description = "Congestion controllers: list those found on the class path.")
final class CcCommand extends NotBuiltYet {

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "list")
    List<String> args;

    @Override
    String what() {
        return "'cc' (the congestion-control SPI arrives with issue #4)";
    }
}
