package net.overlay.lab.natmix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.traversal.PunchConfig;
import net.overlay.lab.punch.PunchSettings;
import net.overlay.lab.scenario.Params;

/**
 * The validated inputs of a NAT-mix run.
 *
 * @param deviceMix weight of each NAT preset among devices (presets with weight 0 left out)
 * @param clientMix weight of each NAT preset among clients
 * @param attempts attempts, each drawing a device NAT and a client NAT; each runs once per birthday budget
 * @param birthdayBudgets the budgets compared (default 256 and 0: birthday probing on and off)
 * @param punch the protocol tunables shared by every attempt (probe rounds, latencies, timeout; its
 *     presets and budget are unused)
 */
public record NatMixSettings(Map<NatPreset, Integer> deviceMix, Map<NatPreset, Integer> clientMix, int attempts,
        List<Integer> birthdayBudgets, PunchSettings punch) {

    /**
     * Devices (cameras, routers, gateways): mostly home routers, which are port-restricted cone NATs
     * or Linux masquerade (EIM, port preserving, APDF: REFERENCE.md "NAT behaviour"); a share on
     * cellular links, where CGNAT is found in more than 92% of networks (Richter et al., IMC 2016,
     * second-hand); some in enterprises behind symmetric firewalls and some in clouds behind AWS or
     * Azure style gateways (symmetric, random ports: Tailscale's blog). The shares themselves are our
     * assumption, not a measurement.
     */
    public static final Map<NatPreset, Integer> DEFAULT_DEVICE_MIX = ordered(Map.of(
            NatPreset.FULL_CONE, 4, NatPreset.RESTRICTED, 4, NatPreset.PORT_RESTRICTED, 32,
            NatPreset.LINUX_MASQUERADE, 22, NatPreset.CGNAT_CELLULAR, 20, NatPreset.SYMMETRIC_SEQUENTIAL, 3,
            NatPreset.SYMMETRIC_RANDOM, 8, NatPreset.CLOUD_NAT, 7));

    /**
     * Clients (laptops and phones of users): home routers again, more cellular (users on phones or
     * tethering), enterprise networks, and a few public addresses. Our assumption, as above.
     */
    public static final Map<NatPreset, Integer> DEFAULT_CLIENT_MIX = ordered(Map.of(
            NatPreset.OPEN, 4, NatPreset.FULL_CONE, 4, NatPreset.RESTRICTED, 4, NatPreset.PORT_RESTRICTED, 28,
            NatPreset.LINUX_MASQUERADE, 18, NatPreset.CGNAT_CELLULAR, 28, NatPreset.SYMMETRIC_SEQUENTIAL, 3,
            NatPreset.SYMMETRIC_RANDOM, 9, NatPreset.CLOUD_NAT, 2));

    static final int MAX_WEIGHT = 1_000_000;

    public NatMixSettings {
        deviceMix = ordered(deviceMix);
        clientMix = ordered(clientMix);
        birthdayBudgets = List.copyOf(birthdayBudgets);
    }

    /** Reads the settings with the caller's default attempt count. */
    public static NatMixSettings read(Params p, int defaultAttempts) {
        Map<NatPreset, Integer> device = mix(p, "deviceMix", DEFAULT_DEVICE_MIX);
        Map<NatPreset, Integer> client = mix(p, "clientMix", DEFAULT_CLIENT_MIX);
        int attempts = p.intValue("attempts", defaultAttempts, 1, 1_000_000);
        List<Integer> budgets = p.intList("birthdayBudgets", List.of(256, 0), 0, 4096, 4);
        if (budgets.stream().distinct().count() != budgets.size()) {
            throw p.invalid("birthdayBudgets", "must not list a budget twice, got " + budgets);
        }
        int rounds = p.intValue("probeRounds", PunchConfig.DEFAULT.probeRounds(), 1, 1000);
        int latMin = p.intValue("latencyMinMs", 5, 0, 10_000);
        int latMax = p.intValue("latencyMaxMs", 80, 0, 10_000);
        if (latMax < latMin) {
            throw p.invalid("latencyMaxMs", "must be >= latencyMinMs (" + latMin + "), got " + latMax);
        }
        int rendezvous = p.intValue("rendezvousLatencyMs", 10, 0, 10_000);
        int timeout = p.intValue("attemptTimeoutMs", 10_000, 100, 600_000);
        PunchSettings punch = new PunchSettings(PunchSettings.Engine.PROTOCOL, List.of(NatPreset.OPEN), 1,
                PunchConfig.DEFAULT.birthdayBudget(), rounds, latMin, latMax, 0, rendezvous, timeout);
        return new NatMixSettings(device, client, attempts, budgets, punch);
    }

    /**
     * A mix is an object of preset name to integer weight; presets it leaves out keep their default
     * weight (set them to 0 to remove them), as nested objects merge field by field.
     */
    private static Map<NatPreset, Integer> mix(Params p, String field, Map<NatPreset, Integer> defaults) {
        Params m = p.child(field);
        Map<NatPreset, Integer> out = new LinkedHashMap<>();
        long total = 0;
        for (NatPreset preset : NatPreset.values()) {
            int w = m.intValue(preset.id(), defaults.getOrDefault(preset, 0), 0, MAX_WEIGHT);
            if (w > 0) {
                out.put(preset, w);
                total += w;
            }
        }
        if (total == 0) {
            throw p.invalid(field, "needs at least one preset with a weight above 0");
        }
        return out;
    }

    private static Map<NatPreset, Integer> ordered(Map<NatPreset, Integer> m) {
        Map<NatPreset, Integer> out = new LinkedHashMap<>();
        for (NatPreset preset : NatPreset.values()) {
            if (m.containsKey(preset)) {
                out.put(preset, m.get(preset));
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Draws one preset from {@code mix}, with probability proportional to its weight. */
    static NatPreset draw(Map<NatPreset, Integer> mix, SplittableRandom random) {
        long total = mix.values().stream().mapToLong(Integer::longValue).sum();
        long r = random.nextLong(total);
        for (Map.Entry<NatPreset, Integer> e : mix.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("weights changed while drawing");
    }

    /** The punch settings of one arm: the shared tunables with {@code budget}. */
    PunchSettings arm(int budget) {
        PunchSettings s = punch;
        return new PunchSettings(PunchSettings.Engine.PROTOCOL, s.presets(), 1, budget, s.probeRounds(),
                s.latencyMinMs(), s.latencyMaxMs(), s.startSkewMaxMs(), s.rendezvousLatencyMs(), s.attemptTimeoutMs());
    }

    /** Units of work: one per attempt and budget. */
    long workUnits() {
        return (long) attempts * birthdayBudgets.size();
    }
}
