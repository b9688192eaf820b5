package net.overlay.lab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.List;

/** {@code ./overlay device}: The device agent: run --config FILE. */
@Command(name = "device", description = "The device agent: run --config FILE.")
final class DeviceCommand extends NotBuiltYet {

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "run --config FILE")
    List<String> args;

    @Override
    String what() {
        return "'device' (the device agent arrives with issue #7)";
    }
}
