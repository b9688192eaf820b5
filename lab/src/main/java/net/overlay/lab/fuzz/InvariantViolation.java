package net.overlay.lab.fuzz;

/**
 * Thrown by a fuzz target when the code under test returned normally but broke a property the
 * target checks (an answer to a stranger, a reply larger than the amplification bound, buffered
 * bytes beyond the flow-control window). Jazzer reports it like any uncaught exception: a finding.
 */
public final class InvariantViolation extends RuntimeException {
    public InvariantViolation(String message) {
        super(message);
    }

    /** Throws when {@code holds} is false. */
    static void check(boolean holds, String message) {
        if (!holds) {
            throw new InvariantViolation(message);
        }
    }
}
