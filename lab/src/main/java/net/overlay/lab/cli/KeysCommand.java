package net.overlay.lab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./overlay keys generate --out DIR}: a new identity (signing and static keys). */
@Command(name = "keys", description = "Identity keys.", subcommands = KeysCommand.Generate.class)
final class KeysCommand {

    @Command(name = "generate", description = "Write a new Ed25519 signing key and X25519 static key (0600) to DIR.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR")
        Path out;

        @Override
        public Integer call() {
            System.err.println("overlay: 'keys generate' is not built yet.");
            return NotBuiltYet.EXIT_NOT_BUILT;
        }
    }
}
