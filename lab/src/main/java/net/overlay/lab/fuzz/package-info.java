/**
 * Coverage-guided fuzzing of everything that reads bytes from the network or from a peer, with
 * Jazzer (libFuzzer for the JVM): the targets ({@link net.overlay.lab.fuzz.FuzzTargets}), one
 * class each with Jazzer's static {@code fuzzerTestOneInput} entry point; and the runner that starts
 * Jazzer's driver on a target in a child JVM and reads its outcome ({@link
 * net.overlay.lab.fuzz.FuzzRunner}). Called by {@code ./overlay fuzz} and by the lab's tests (a
 * short campaign per target in CI, and the replay of every past finding as a regression test).
 *
 * <p>A target fails (a finding) by letting anything escape but the decoder's own error type, or by
 * breaking an invariant it checks ({@link net.overlay.lab.fuzz.InvariantViolation}).
 */
package net.overlay.lab.fuzz;
