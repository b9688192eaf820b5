package net.overlay.lab.punch;

import java.util.Arrays;
import java.util.List;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.traversal.PunchConfig;
import net.overlay.lab.scenario.Params;

/**
 * The validated inputs of a punch matrix.
 *
 * @param engine what runs an attempt: the full protocol or bare datagrams
 * @param presets the NAT presets whose every pair (each with itself too) is tried
 * @param attempts attempts per pair, each with its own seed
 * @param birthdayBudget sockets the hard side opens and ports the easy side guesses (0: no birthday probing)
 * @param probeRounds probe rounds before a side gives up on the direct path
 * @param latencyMinMs lowest one-way latency from a side's edge to the internet core
 * @param latencyMaxMs highest one-way latency; each side of each attempt draws uniformly in between
 * @param startSkewMaxMs bare engine: the later side starts up to this long after the first (the protocol
 *     engine times the punch itself, from the relayed round trip)
 * @param rendezvousLatencyMs protocol engine: one-way latency of the rendezvous's (and relay's) edge
 * @param attemptTimeoutMs virtual time after the start (bare) or the connect (protocol) at which an
 *     attempt counts as failed
 */
public record PunchSettings(Engine engine, List<NatPreset> presets, int attempts, int birthdayBudget, int probeRounds,
        int latencyMinMs, int latencyMaxMs, int startSkewMaxMs, int rendezvousLatencyMs, int attemptTimeoutMs) {

    /** What runs one attempt. */
    public enum Engine {
        /** Device agent, client and rendezvous: discovery, Noise sessions, relay first, punch. */
        PROTOCOL("protocol"),
        /** Both sides' punch plans with bare datagrams (BarePunchRunner): the planner and the NAT models only. */
        BARE("bare");

        private final String id;

        Engine(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static final List<String> IDS = Arrays.stream(values()).map(Engine::id).toList();

        static Engine fromId(String id) {
            return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst().orElseThrow();
        }
    }

    /** The presets of a full matrix: every preset the NAT model names. */
    public static final List<String> ALL_PRESETS = Arrays.stream(NatPreset.values()).map(NatPreset::id).toList();

    public PunchSettings {
        presets = List.copyOf(presets);
    }

    /**
     * Reads the settings; the defaults are the caller's (a full matrix and the quickstart differ).
     */
    public static PunchSettings read(Params p, List<String> defaultPresets, int defaultAttempts) {
        Engine engine = Engine.fromId(p.choice("engine", Engine.PROTOCOL.id(), Engine.IDS));
        List<NatPreset> presets = p.choiceList("presets", defaultPresets, ALL_PRESETS).stream()
                .map(NatPreset::fromId).toList();
        int attempts = p.intValue("attempts", defaultAttempts, 1, 100_000);
        int budget = p.intValue("birthdayBudget", PunchConfig.DEFAULT.birthdayBudget(), 0, 4096);
        int rounds = p.intValue("probeRounds", PunchConfig.DEFAULT.probeRounds(), 1, 1000);
        int latMin = p.intValue("latencyMinMs", 5, 0, 10_000);
        int latMax = p.intValue("latencyMaxMs", 80, 0, 10_000);
        if (latMax < latMin) {
            throw p.invalid("latencyMaxMs", "must be >= latencyMinMs (" + latMin + "), got " + latMax);
        }
        int skew = p.intValue("startSkewMaxMs", 20, 0, 10_000);
        int rendezvous = p.intValue("rendezvousLatencyMs", 10, 0, 10_000);
        int timeout = p.intValue("attemptTimeoutMs", 10_000, 100, 600_000);
        return new PunchSettings(engine, presets, attempts, budget, rounds, latMin, latMax, skew, rendezvous, timeout);
    }

    /** The punch tunables these settings select (the rest at their defaults). */
    public PunchConfig punchConfig() {
        PunchConfig d = PunchConfig.DEFAULT;
        return new PunchConfig(d.primeTtl(), d.probeIntervalNs(), probeRounds, d.sequentialPredictions(), birthdayBudget,
                d.birthdayPortLow(), d.birthdayPortHigh(), d.birthdayProbesPerSecond(), d.repunchDelayNs(),
                d.repunchMaxDelayNs());
    }

    /** Unordered pairs, each preset with itself and with every later one. */
    public int pairCount() {
        return presets.size() * (presets.size() + 1) / 2;
    }
}
