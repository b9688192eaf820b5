package net.overlay.lab.bench;

import java.io.PrintStream;

/** Runs the crypto benchmarks and prints MB/s per cipher. (Stub: being written.) */
public final class CryptoBench {
    private CryptoBench() {}

    public static int run(boolean quick, PrintStream out) {
        out.println("not implemented yet");
        return 1;
    }
}
