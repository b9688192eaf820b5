/**
 * Benchmarks with their own command ({@code ./overlay bench ...}), under JMH or as plain timed
 * runs of whole systems (the transport, the tunnel against ssh and socat): a benchmark is not a
 * test. Callers: {@code BenchCommand}.
 */
package net.overlay.lab.bench;
