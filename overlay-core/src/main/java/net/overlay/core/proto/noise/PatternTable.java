package net.overlay.core.proto.noise;

import java.util.Map;
import java.util.Set;

/**
 * The handshake patterns of Noise rev. 34 in the spec's own notation: the one-way patterns
 * (section 7.4), the fundamental interactive ones (7.5) and the deferred ones (18.1). A line
 * before {@code "..."} is a pre-message. {@link HandshakePattern#parse} turns them into tokens.
 */
final class PatternTable {
    private PatternTable() {}

    /** Names of the one-way patterns: only the initiator sends, and only one message. */
    static final Set<String> ONE_WAY = Set.of("N", "K", "X");

    static final Map<String, String[]> PATTERNS = Map.ofEntries(
            // 7.4 one-way
            Map.entry("N", lines("<- s", "...", "-> e, es")),
            Map.entry("K", lines("-> s", "<- s", "...", "-> e, es, ss")),
            Map.entry("X", lines("<- s", "...", "-> e, es, s, ss")),
            // 7.5 fundamental interactive
            Map.entry("NN", lines("-> e", "<- e, ee")),
            Map.entry("NK", lines("<- s", "...", "-> e, es", "<- e, ee")),
            Map.entry("NX", lines("-> e", "<- e, ee, s, es")),
            Map.entry("KN", lines("-> s", "...", "-> e", "<- e, ee, se")),
            Map.entry("KK", lines("-> s", "<- s", "...", "-> e, es, ss", "<- e, ee, se")),
            Map.entry("KX", lines("-> s", "...", "-> e", "<- e, ee, se, s, es")),
            Map.entry("XN", lines("-> e", "<- e, ee", "-> s, se")),
            Map.entry("XK", lines("<- s", "...", "-> e, es", "<- e, ee", "-> s, se")),
            Map.entry("XX", lines("-> e", "<- e, ee, s, es", "-> s, se")),
            Map.entry("IN", lines("-> e, s", "<- e, ee, se")),
            Map.entry("IK", lines("<- s", "...", "-> e, es, s, ss", "<- e, ee, se")),
            Map.entry("IX", lines("-> e, s", "<- e, ee, se, s, es")),
            // 18.1 deferred: a DH is moved one message later to improve identity hiding
            Map.entry("NK1", lines("<- s", "...", "-> e", "<- e, ee, es")),
            Map.entry("NX1", lines("-> e", "<- e, ee, s", "-> es")),
            Map.entry("X1N", lines("-> e", "<- e, ee", "-> s", "<- se")),
            Map.entry("X1K", lines("<- s", "...", "-> e, es", "<- e, ee", "-> s", "<- se")),
            Map.entry("XK1", lines("<- s", "...", "-> e", "<- e, ee, es", "-> s, se")),
            Map.entry("X1K1", lines("<- s", "...", "-> e", "<- e, ee, es", "-> s", "<- se")),
            Map.entry("X1X", lines("-> e", "<- e, ee, s, es", "-> s", "<- se")),
            Map.entry("XX1", lines("-> e", "<- e, ee, s", "-> es, s, se")),
            Map.entry("X1X1", lines("-> e", "<- e, ee, s", "-> es, s", "<- se")),
            Map.entry("K1N", lines("-> s", "...", "-> e", "<- e, ee", "-> se")),
            Map.entry("K1K", lines("-> s", "<- s", "...", "-> e, es", "<- e, ee", "-> se")),
            Map.entry("KK1", lines("-> s", "<- s", "...", "-> e", "<- e, ee, se, es")),
            Map.entry("K1K1", lines("-> s", "<- s", "...", "-> e", "<- e, ee, es", "-> se")),
            Map.entry("K1X", lines("-> s", "...", "-> e", "<- e, ee, s, es", "-> se")),
            Map.entry("KX1", lines("-> s", "...", "-> e", "<- e, ee, se, s", "-> es")),
            Map.entry("K1X1", lines("-> s", "...", "-> e", "<- e, ee, s", "-> se, es")),
            Map.entry("I1N", lines("-> e, s", "<- e, ee", "-> se")),
            Map.entry("I1K", lines("<- s", "...", "-> e, es, s", "<- e, ee", "-> se")),
            Map.entry("IK1", lines("<- s", "...", "-> e, s", "<- e, ee, se, es")),
            Map.entry("I1K1", lines("<- s", "...", "-> e, s", "<- e, ee, es", "-> se")),
            Map.entry("I1X", lines("-> e, s", "<- e, ee, s, es", "-> se")),
            Map.entry("IX1", lines("-> e, s", "<- e, ee, se, s", "-> es")),
            Map.entry("I1X1", lines("-> e, s", "<- e, ee, s", "-> se, es")));

    private static String[] lines(String... lines) {
        return lines;
    }
}
