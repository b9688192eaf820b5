/** Cross-cutting robustness tests: hostile and mutated input to every decoder. */
package net.overlay.core.robustness;
