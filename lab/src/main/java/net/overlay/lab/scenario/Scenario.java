package net.overlay.lab.scenario;

import java.io.IOException;

/**
 * The code behind one scenario {@code kind} ({@code "kind": "punch-matrix"} in a file selects it).
 * The runner hands it the file's parameters to validate and resolve ({@link #prepare}), then runs
 * what it returns. Implementations are stateless and found by the catalogue (the built-in ones,
 * plus any on the class path registered for {@link java.util.ServiceLoader}).
 */
public interface Scenario {

    /** The value of the file's {@code kind} field that selects this code. */
    String kind();

    /** Whether the scenario runs a congestion controller, so that {@code --cc} changes anything. */
    default boolean usesCongestionControl() {
        return false;
    }

    /**
     * Reads every parameter through {@code params} (defaults for absent ones) and returns the run.
     * Must not start any work: preparation also validates the variant that will not run.
     *
     * @throws ScenarioException naming the field when a value is not allowed
     */
    Prepared prepare(Params params);

    /** A validated run, ready to go. */
    interface Prepared {
        /** How many units of work {@link #run} reports through the progress sink, for the time estimate. */
        long workUnits();

        /** Runs the scenario, writing data, charts and report sections through the context. */
        void run(RunContext context) throws IOException;
    }
}
