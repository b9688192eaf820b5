package net.overlay.core.vectors;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** Checks a Noise test-vector file against our implementation. (Stub: being written.) */
public final class NoiseVectorCheck {
    private NoiseVectorCheck() {}

    /** Prints "N of M matched" and any mismatches; returns 0 when all matched, 1 otherwise. */
    public static int run(Path file, PrintStream out) throws IOException {
        out.println("not implemented yet");
        return 1;
    }
}
