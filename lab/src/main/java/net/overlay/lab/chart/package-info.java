/**
 * The lab's chart kinds (a heatmap over pairs, lines over a swept parameter) built with
 * JFreeChart, and their files: PNG for viewing, SVG (JFreeSVG) for the report and for papers.
 * Scenarios build charts here and write them through {@code net.overlay.lab.report.Outputs}.
 */
package net.overlay.lab.chart;
