/**
 * Lab scenarios as data: the JSON file format ({@link net.overlay.lab.scenario.ScenarioFile}), the
 * validating parameter reader that names a bad field ({@link net.overlay.lab.scenario.Params}), the
 * {@link net.overlay.lab.scenario.Scenario} interface one Java class per {@code kind} implements, and
 * the catalogue of built-in scenarios and kinds ({@link net.overlay.lab.scenario.ScenarioCatalog}).
 * The lab runner ({@code net.overlay.lab.run}) and the {@code lab} command call it.
 */
package net.overlay.lab.scenario;
