/**
 * The lab runner behind {@code ./overlay lab run}: resolves a scenario (built-in name or file) in
 * the {@link net.overlay.lab.run.ScenarioCatalog}, applies the command line's seed, quick variant,
 * output folder and congestion controller, shows progress, and leaves {@code scenario.json} and
 * {@code report.html} next to the scenario's data and charts ({@link net.overlay.lab.run.LabRunner}).
 * Called by {@code net.overlay.lab.cli.LabCommand} and by tests.
 */
package net.overlay.lab.run;
