package net.overlay.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import net.overlay.core.node.SystemRandomSource;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.proto.identity.Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./overlay keys generate --out DIR}: a new identity (signing and static keys), and
 * {@code ./overlay keys show --dir DIR}: load one and print its public parts. File format and
 * permissions: {@link KeyDirectory}, docs/crypto.md.
 */
@Command(name = "keys", description = "Identity keys.",
        subcommands = {KeysCommand.Generate.class, KeysCommand.Show.class})
final class KeysCommand {

    @Command(name = "generate",
            description = "Write a new Ed25519 signing key and X25519 static key (0600) to DIR, with their public halves.")
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Key directory (created 0700 if missing).")
        Path out;

        @Option(names = "--force", description = "Replace keys already in DIR (the old identity is lost).")
        boolean force;

        @Override
        public Integer call() throws IOException {
            List<Path> existing = KeyDirectory.existingFiles(out);
            if (!existing.isEmpty() && !force) {
                spec.commandLine().getErr().println("overlay keys generate: " + out + " already holds keys ("
                        + existing.getFirst().getFileName() + "); pass --force to replace them");
                return 1;
            }
            Identity identity = Identity.generate(new SystemRandomSource());
            List<Path> written = KeyDirectory.write(out, identity, force);
            PrintWriter o = spec.commandLine().getOut();
            o.println("peer id: " + identity.peerId());
            for (Path p : written) {
                o.println("wrote   " + p);
            }
            o.flush();
            return 0;
        }
    }

    @Command(name = "show", description = "Load the identity in DIR (checking permissions) and print its public keys.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Key directory.")
        Path dir;

        @Override
        public Integer call() throws IOException {
            Identity identity = KeyDirectory.read(dir);
            PrintWriter o = spec.commandLine().getOut();
            o.println("peer id:    " + identity.peerId());
            o.println("static key: " + java.util.Base64.getEncoder().encodeToString(identity.staticPublicKey().toArray()));
            o.flush();
            return 0;
        }
    }
}
