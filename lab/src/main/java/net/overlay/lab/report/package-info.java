/**
 * What a lab run leaves in its folder: data files (CSV, JSON) written byte-for-byte the same for
 * the same seed, charts through {@code net.overlay.lab.chart}, and the self-contained
 * {@code report.html}. Scenarios write through {@link net.overlay.lab.report.Outputs}; the runner
 * ({@code net.overlay.lab.run}) creates it and renders the {@link net.overlay.lab.report.Report}.
 */
package net.overlay.lab.report;
