package net.overlay.lab.scenario;

/**
 * A scenario file or name the lab cannot use: the message names the field (as a path such as
 * {@code params.presets[2]}) and what is allowed, so the user can fix the file without a stack
 * trace. The command line turns it into one line on stderr and exit status 2.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
