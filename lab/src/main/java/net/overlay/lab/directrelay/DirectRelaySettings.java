package net.overlay.lab.directrelay;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.nat.NatPreset;
import net.overlay.lab.punch.PunchSettings;
import net.overlay.lab.scenario.Params;

/**
 * The validated inputs of a direct-versus-relay run.
 *
 * @param pairs the NAT pairs, device first
 * @param attempts attempts per pair, each with its own placement and seed
 * @param regions the regions device, client and relay are drawn from
 * @param relayPlacement where the relay (and rendezvous) sits: {@code random} (any of the regions),
 *     {@code device} (the device's region: its home node) or {@code client} (the client's region)
 * @param accessMinMs lowest one-way latency of the device's and the client's access edge
 * @param accessMaxMs highest; each side of each attempt draws uniformly in between
 * @param relayAccessMs one-way latency of the relay's edge (a data centre)
 * @param pingIntervalMs how often the client pings the device inside the session
 * @param measureMs virtual time after the connect command during which pings run
 */
public record DirectRelaySettings(List<Pair> pairs, int attempts, List<String> regions, String relayPlacement,
        int accessMinMs, int accessMaxMs, int relayAccessMs, int pingIntervalMs, int measureMs) {

    /** A device's NAT and a client's NAT. */
    public record Pair(NatPreset device, NatPreset client) {
        String id() {
            return device.id() + "/" + client.id();
        }
    }

    static final List<String> DEFAULT_PAIRS = List.of("port-restricted/port-restricted",
            "linux-masquerade/cgnat-cellular", "full-cone/symmetric-random", "cloud-nat/symmetric-random");
    static final List<String> PLACEMENTS = List.of("random", "device", "client");

    public DirectRelaySettings {
        pairs = List.copyOf(pairs);
        regions = List.copyOf(regions);
    }

    /** Reads the settings with the given default attempts. */
    public static DirectRelaySettings read(Params p, int defaultAttempts) {
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
        int attempts = p.intValue("attempts", defaultAttempts, 1, 100_000);
        List<String> regions = p.choiceList("regions", Regions.NAMES, Regions.NAMES);
        String placement = p.choice("relayPlacement", "random", PLACEMENTS);
        int accessMin = p.intValue("accessMinMs", 2, 0, 10_000);
        int accessMax = p.intValue("accessMaxMs", 30, 0, 10_000);
        if (accessMax < accessMin) {
            throw p.invalid("accessMaxMs", "must be >= accessMinMs (" + accessMin + "), got " + accessMax);
        }
        int relayAccess = p.intValue("relayAccessMs", 1, 0, 10_000);
        int ping = p.intValue("pingIntervalMs", 100, 10, 10_000);
        int measure = p.intValue("measureMs", 6000, 1000, 600_000);
        return new DirectRelaySettings(pairs, attempts, regions, placement, accessMin, accessMax, relayAccess, ping,
                measure);
    }
}
