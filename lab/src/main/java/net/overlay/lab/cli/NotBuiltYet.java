package net.overlay.lab.cli;

import java.util.concurrent.Callable;

/**
 * Base for commands whose capability has not been built yet: they say so plainly, name the issue
 * that brings them, and exit with status 3 so scripts can tell "not yet" from failure.
 */
abstract class NotBuiltYet implements Callable<Integer> {
    static final int EXIT_NOT_BUILT = 3;

    /** What is missing and which issue brings it. */
    abstract String what();

    @Override
    public Integer call() {
        System.err.println("overlay: " + what() + " is not built yet.");
        return EXIT_NOT_BUILT;
    }
}
