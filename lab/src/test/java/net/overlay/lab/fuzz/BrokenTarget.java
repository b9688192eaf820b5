package net.overlay.lab.fuzz;

/** A target with a planted bug behind a four-byte comparison, which coverage guidance finds in seconds. */
public final class BrokenTarget {
    private BrokenTarget() {}

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length >= 4 && data[0] == 'F' && data[1] == 'U' && data[2] == 'Z' && data[3] == 'Z') {
            throw new IllegalStateException("magic prefix reached");
        }
    }
}
