package net.overlay.lab.simreal;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.nat.NatPreset;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.testbed.NatMode;

/**
 * The validated inputs of a sim-vs-real run.
 *
 * @param pairs the NAT pairs, device's site first (the device runs in site b, the client in site a)
 * @param coreHops core routers between the sites' routers (docs/testbed.md: 2 lets TTL-4 primes die)
 * @param delayMs one-way delay each site's delay line adds (the simulator's edges get the same)
 * @param sessionWithinS how long the client gets, after it listens, to have a session (JVM start, discovery)
 * @param directWithinS how long after the session the client gets to report a direct path
 * @param attempts clients per pair on the testbed, one after another, each a new session
 * @param simConnects connection attempts the simulator makes for each pair
 */
public record SimVsRealSettings(List<Pair> pairs, int coreHops, int delayMs, int sessionWithinS, int directWithinS,
        int attempts, int simConnects) {

    /** A device site's NAT mode and a client site's. */
    public record Pair(NatMode device, NatMode client) {
        String id() {
            return device.cliName() + "/" + client.cliName();
        }
    }

    static final List<String> DEFAULT_PAIRS = List.of("masquerade/masquerade", "masquerade/random", "random/random",
            "fully-random/masquerade", "fully-random/fully-random");

    public SimVsRealSettings {
        pairs = List.copyOf(pairs);
    }

    /**
     * The simulator's preset for a testbed NAT mode. {@code masquerade} keeps the source port when
     * it is free, maps endpoint-independently in practice and filters on the reply tuple, with
     * conntrack's clash handling: {@code linux-masquerade}. {@code random} and {@code fully-random}
     * both draw a fresh port for every new flow from 1024-65535 on this kernel (measured: the same
     * flow gets another port each time, so {@code random} is no keyed hash here; docs/testbed.md):
     * {@code linux-masquerade-random}. Not {@code symmetric-random}, which draws from 32768-65535
     * and so made birthday probing meet twice as often as against the kernel.
     */
    static NatPreset presetOf(NatMode mode) {
        return switch (mode) {
            case MASQUERADE -> NatPreset.LINUX_MASQUERADE;
            case RANDOM, FULLY_RANDOM -> NatPreset.LINUX_MASQUERADE_RANDOM;
        };
    }

    long workUnits() {
        return pairs.size();
    }

    static SimVsRealSettings read(Params p) {
        List<String> all = new ArrayList<>();
        for (NatMode d : NatMode.values()) {
            for (NatMode c : NatMode.values()) all.add(d.cliName() + "/" + c.cliName());
        }
        List<Pair> pairs = p.choiceList("pairs", DEFAULT_PAIRS, all).stream().map(s -> {
            int slash = s.indexOf('/');
            return new Pair(NatMode.parse(s.substring(0, slash)), NatMode.parse(s.substring(slash + 1)));
        }).toList();
        int coreHops = p.intValue("coreHops", 2, 0, 16);
        int delayMs = p.intValue("delayMs", 5, 0, 1000);
        int sessionWithinS = p.intValue("sessionWithinS", 90, 5, 600);
        int directWithinS = p.intValue("directWithinS", 20, 1, 600);
        int attempts = p.intValue("attempts", 3, 1, 100);
        int simConnects = p.intValue("simConnects", 40, 1, 10_000);
        return new SimVsRealSettings(pairs, coreHops, delayMs, sessionWithinS, directWithinS, attempts, simConnects);
    }
}
