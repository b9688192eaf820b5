package net.overlay.lab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.overlay.core.vectors.NoiseVectorCheck;
import net.overlay.core.vectors.StunVectorCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./overlay vectors noise|stun FILE}: checks official test vectors against our code. */
@Command(
        name = "vectors",
        description = "Check a test-vector file against our implementation; exit 1 on any mismatch.",
        subcommands = {VectorsCommand.Noise.class, VectorsCommand.Stun.class})
final class VectorsCommand {

    @Command(name = "noise", description = "Noise handshakes in the cacophony JSON format ({\"vectors\": [...]}).")
    static final class Noise implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "e.g. ../shared/vectors/noise-cacophony.txt")
        Path file;

        @Override
        public Integer call() throws Exception {
            return NoiseVectorCheck.run(file, System.out);
        }
    }

    @Command(name = "stun", description = "STUN messages as 'name' then 'hex' lines, in the format of stun-rfc5769.txt.")
    static final class Stun implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "e.g. ../shared/vectors/stun-rfc5769.txt")
        Path file;

        @Override
        public Integer call() throws Exception {
            return StunVectorCheck.run(file, System.out);
        }
    }
}
