package net.overlay.core.nat;

import static net.overlay.core.proto.traversal.FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT;
import static net.overlay.core.proto.traversal.FilteringBehavior.ADDRESS_DEPENDENT;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import net.overlay.core.proto.traversal.FilteringBehavior;
import net.overlay.core.proto.traversal.MappingBehavior;
import net.overlay.core.proto.traversal.PortAllocation;

/**
 * Named NAT behaviours for tests, the simulator and scenario files. {@link #OPEN} means no NAT at
 * all (a host with a public address and no firewall) and has no config.
 */
public enum NatPreset {
    OPEN(null),
    /** EIM, endpoint-independent filtering: anyone can reach a mapping once it exists. */
    FULL_CONE(cfg(MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ENDPOINT_INDEPENDENT,
            PortAllocation.PRESERVING, 300, false)),
    /** EIM, address-dependent filtering. */
    RESTRICTED(cfg(MappingBehavior.ENDPOINT_INDEPENDENT, ADDRESS_DEPENDENT, PortAllocation.PRESERVING, 300, false)),
    /** EIM, address-and-port-dependent filtering: the common home router ("easy" NAT). */
    PORT_RESTRICTED(cfg(MappingBehavior.ENDPOINT_INDEPENDENT, ADDRESS_AND_PORT_DEPENDENT,
            PortAllocation.PRESERVING, 300, false)),
    /** A new mapping per destination, ports handed out one after another: predictable. */
    SYMMETRIC_SEQUENTIAL(cfg(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT,
            PortAllocation.SEQUENTIAL, 300, false)),
    /** A new mapping per destination on a random port ("hard" NAT, Tailscale's natlab). */
    SYMMETRIC_RANDOM(cfg(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT,
            PortAllocation.RANDOM, 300, false)),
    /** Linux nftables/iptables masquerade: EIM, port preserving, APDF, with the conntrack collision. */
    LINUX_MASQUERADE(cfg(MappingBehavior.ENDPOINT_INDEPENDENT, ADDRESS_AND_PORT_DEPENDENT,
            PortAllocation.PRESERVING, 120, true)),
    /** Carrier-grade NAT on a cellular network: EIM as RFC 6888 asks, random ports, 30 s idle timeout. */
    CGNAT_CELLULAR(cfg(MappingBehavior.ENDPOINT_INDEPENDENT, ADDRESS_AND_PORT_DEPENDENT,
            PortAllocation.RANDOM, 30, false)),
    /** A cloud NAT gateway as AWS and Azure run it: symmetric with random ports, 350 s idle timeout. */
    CLOUD_NAT(cfg(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT,
            PortAllocation.RANDOM, 350, false)),
    /**
     * Linux nftables/iptables {@code masquerade random} or {@code masquerade fully-random} (on this kernel,
     * 6.18, the two behave alike): a new mapping per destination on a port drawn afresh for every new
     * flow from 1024-65535, the range nf_nat uses when the rule names none (measured on the
     * namespace testbed, kernel 6.18: 3,000 flows, ports 1026-65524, 50.3% below 32768; docs/testbed.md).
     * Filtering on the reply tuple, and conntrack's stray entries as {@link #LINUX_MASQUERADE}.
     */
    LINUX_MASQUERADE_RANDOM(new NatConfig(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT,
            PortAllocation.RANDOM, 1, 1024, 65535, 120 * 1_000_000_000L, false, false, true, false));

    private final NatConfig config;

    NatPreset(NatConfig config) {
        this.config = config;
    }

    private static NatConfig cfg(MappingBehavior m, FilteringBehavior f, PortAllocation a, int timeoutS,
            boolean conntrack) {
        // Dynamic port range of RFC 6335 for random allocation; the whole range otherwise.
        int low = a == PortAllocation.RANDOM ? 32768 : 1024;
        return new NatConfig(m, f, a, 1, low, 65535, timeoutS * 1_000_000_000L, false, false, conntrack, false);
    }

    /** The behaviour, or null for {@link #OPEN}. */
    public NatConfig config() {
        return config;
    }

    /** The preset's name as scenario files write it: lower case with dashes, e.g. {@code port-restricted}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Looks up a preset by {@link #id()}; the error lists the allowed values. */
    public static NatPreset fromId(String id) {
        for (NatPreset p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown NAT preset '" + id + "'; allowed: "
                + Arrays.stream(values()).map(NatPreset::id).collect(Collectors.joining(", ")));
    }
}
