package net.overlay.lab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.List;

/** {@code ./overlay lab}: Lab scenarios: list, run SCENARIO|FILE.json [--seed N] [--quick] [--out DIR] [--cc NAME]. */
@Command(name = "lab", description = "Lab scenarios: list, run SCENARIO|FILE.json [--seed N] [--quick] [--out DIR] [--cc NAME].")
final class LabCommand extends NotBuiltYet {

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "list | run SCENARIO|FILE.json ...")
    List<String> args;

    @Override
    String what() {
        return "'lab' (the lab scenario runner arrives with issue #8)";
    }
}
