package net.overlay.lab.churn;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.nat.NatPreset;
import net.overlay.lab.punch.PunchSettings;
import net.overlay.lab.scenario.Params;

/**
 * The validated inputs of a churn run.
 *
 * @param pairs the NAT pairs, device first
 * @param events the event kinds injected, one per attempt
 * @param attempts attempts per (pair, event), each with its own seed
 * @param downS how long the rendezvous (and relay) node stays down in {@code rendezvous-restart}
 *     and {@code relay-death}
 * @param observeS virtual time after the event during which the attempt watches for recovery
 * @param settleS virtual time after the session came up for it to move to a direct path
 * @param pingIntervalMs the client's ping interval inside the session
 * @param latencyMinMs lowest one-way latency of a side's edge
 * @param latencyMaxMs highest; each side of each attempt draws uniformly in between
 * @param rendezvousLatencyMs one-way latency of the rendezvous's (and relay's) edge
 */
public record ChurnSettings(List<Pair> pairs, List<String> events, int attempts, int downS, int observeS,
        int settleS, int pingIntervalMs, int latencyMinMs, int latencyMaxMs, int rendezvousLatencyMs) {

    public static final String RENDEZVOUS_RESTART = "rendezvous-restart";
    public static final String DEVICE_ROAM = "device-roam";
    public static final String RELAY_DEATH = "relay-death";
    static final List<String> EVENTS = List.of(RENDEZVOUS_RESTART, DEVICE_ROAM, RELAY_DEATH);

    /** A device's NAT and a client's NAT. */
    public record Pair(NatPreset device, NatPreset client) {
        String id() {
            return device.id() + "/" + client.id();
        }
    }

    static final List<String> DEFAULT_PAIRS = List.of("port-restricted/port-restricted",
            "linux-masquerade/cgnat-cellular", "cgnat-cellular/port-restricted", "symmetric-random/symmetric-random");

    public ChurnSettings {
        pairs = List.copyOf(pairs);
        events = List.copyOf(events);
    }

    long workUnits() {
        return (long) pairs.size() * events.size() * attempts;
    }

    /** Reads the settings with the given default attempts. */
    static ChurnSettings read(Params p, int defaultAttempts) {
        List<String> allPairs = new ArrayList<>();
        for (String d : PunchSettings.ALL_PRESETS) {
            for (String c : PunchSettings.ALL_PRESETS) {
                allPairs.add(d + "/" + c);
            }
        }
        List<Pair> pairs = p.choiceList("pairs", DEFAULT_PAIRS, allPairs).stream().map(s -> {
            int slash = s.indexOf('/');
            return new Pair(NatPreset.fromId(s.substring(0, slash)), NatPreset.fromId(s.substring(slash + 1)));
        }).toList();
        List<String> events = p.choiceList("events", EVENTS, EVENTS);
        int attempts = p.intValue("attempts", defaultAttempts, 1, 100_000);
        int downS = p.intValue("downS", 120, 1, 3600);
        int observeS = p.intValue("observeS", 180, 10, 3600);
        int settleS = p.intValue("settleS", 10, 1, 600);
        int ping = p.intValue("pingIntervalMs", 200, 10, 10_000);
        int latMin = p.intValue("latencyMinMs", 5, 0, 10_000);
        int latMax = p.intValue("latencyMaxMs", 80, 0, 10_000);
        if (latMax < latMin) {
            throw p.invalid("latencyMaxMs", "must be >= latencyMinMs (" + latMin + "), got " + latMax);
        }
        int rendezvousMs = p.intValue("rendezvousLatencyMs", 10, 0, 10_000);
        return new ChurnSettings(pairs, events, attempts, downS, observeS, settleS, ping, latMin, latMax, rendezvousMs);
    }
}
