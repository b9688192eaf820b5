/**
 * Readers and checkers for official test-vector files (Noise's cacophony JSON, RFC 5769 STUN
 * samples). Used by {@code ./overlay vectors} and by the test suite. This package reads files, so
 * it lives outside {@code proto}.
 */
package net.overlay.core.vectors;
