/**
 * The {@code churn} lab scenario: rendezvous restarts, device roaming and relay failures injected
 * into a live device-client session on a {@link net.overlay.core.testing.TraversalWorld}, measuring
 * the time to re-register, whether the session survived, when data flowed again and, after a relay
 * failure, when a new session came up. Found by the scenario catalogue ({@code ScenarioCatalog}).
 */
package net.overlay.lab.churn;
