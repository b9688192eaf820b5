/**
 * Benchmarks with their own command ({@code ./overlay bench ...}), run under JMH: a benchmark is
 * not a test. Callers: {@code BenchCommand}.
 */
package net.overlay.lab.bench;
