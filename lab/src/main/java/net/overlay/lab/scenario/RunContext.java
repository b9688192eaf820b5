package net.overlay.lab.scenario;

import java.util.Optional;
import net.overlay.lab.report.Outputs;

/**
 * What a running scenario gets from the runner: the seed every random choice derives from, whether
 * this is the quick variant, the congestion controller named on the command line (if any), where to
 * report progress, and where to write data, charts and report sections.
 *
 * @param seed the run's seed ({@code --seed}, else the file's)
 * @param quick whether the quick variant runs
 * @param congestionControl the {@code --cc} name, if given
 * @param progress receives units of work as they finish; safe to call from several threads
 * @param outputs the run folder's writer
 */
public record RunContext(long seed, boolean quick, Optional<String> congestionControl, Progress progress,
        Outputs outputs) {

    /** Receives finished units of work; implementations are thread-safe. */
    @FunctionalInterface
    public interface Progress {
        void advance(long units);
    }
}
