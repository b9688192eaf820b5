package net.overlay.lab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.List;

/** {@code ./overlay admin}: Administer a node: users|devices|grants ... */
@Command(name = "admin", description = "Administer a node: users|devices|grants ...")
final class AdminCommand extends NotBuiltYet {

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "users|devices|grants ...")
    List<String> args;

    @Override
    String what() {
        return "'admin' (the admin API arrives with issue #6)";
    }
}
