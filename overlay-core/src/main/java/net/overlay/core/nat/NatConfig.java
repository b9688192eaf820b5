package net.overlay.core.nat;

import java.util.Objects;
import net.overlay.core.proto.traversal.FilteringBehavior;
import net.overlay.core.proto.traversal.MappingBehavior;
import net.overlay.core.proto.traversal.PortAllocation;

/**
 * The behaviour of one NAT box, in RFC 4787's vocabulary. Validated on construction.
 *
 * @param mapping how mappings are shared across destinations (RFC 4787 4.1)
 * @param filtering which inbound packets pass a mapping (RFC 4787 5)
 * @param allocation how a new mapping's external port is chosen (RFC 4787 4.2)
 * @param portStep the increment between consecutive ports for {@link PortAllocation#SEQUENTIAL}
 * @param portLow lowest external port the NAT hands out
 * @param portHigh highest external port the NAT hands out
 * @param mappingTimeoutNs idle time after which a mapping disappears (RFC 4787 REQ-5: at least 2 min;
 *     many real NATs use 30 s)
 * @param inboundRefresh whether inbound packets also keep a mapping alive (RFC 4787 4.3)
 * @param hairpinning whether an internal host can reach another through the external address (RFC 4787 6)
 * @param conntrackCollision Linux netfilter's behaviour: an unsolicited inbound packet leaves an entry
 *     that pushes a later outbound mapping to the same remote onto another port (REFERENCE.md)
 * @param udpBlocked whether the NAT drops all UDP
 */
public record NatConfig(
        MappingBehavior mapping,
        FilteringBehavior filtering,
        PortAllocation allocation,
        int portStep,
        int portLow,
        int portHigh,
        long mappingTimeoutNs,
        boolean inboundRefresh,
        boolean hairpinning,
        boolean conntrackCollision,
        boolean udpBlocked) {

    /** How long Linux keeps an unreplied UDP conntrack entry (nf_conntrack_udp_timeout). */
    public static final long CONNTRACK_UNREPLIED_TIMEOUT_NS = 30_000_000_000L;

    public NatConfig {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(filtering, "filtering");
        Objects.requireNonNull(allocation, "allocation");
        if (portLow < 1 || portHigh > 65535 || portLow > portHigh) {
            throw new IllegalArgumentException("port range must lie in 1..65535 with low <= high, got "
                    + portLow + ".." + portHigh);
        }
        if (portStep < 1 || portStep > portHigh - portLow + 1) {
            throw new IllegalArgumentException("portStep must be between 1 and the range size, got " + portStep);
        }
        if (mappingTimeoutNs <= 0) {
            throw new IllegalArgumentException("mappingTimeoutNs must be positive, got " + mappingTimeoutNs);
        }
    }

    /** Number of external ports this NAT can hand out. */
    public int portCount() {
        return portHigh - portLow + 1;
    }

    public NatConfig withMappingTimeoutNs(long timeoutNs) {
        return new NatConfig(mapping, filtering, allocation, portStep, portLow, portHigh, timeoutNs,
                inboundRefresh, hairpinning, conntrackCollision, udpBlocked);
    }

    public NatConfig withHairpinning(boolean on) {
        return new NatConfig(mapping, filtering, allocation, portStep, portLow, portHigh, mappingTimeoutNs,
                inboundRefresh, on, conntrackCollision, udpBlocked);
    }

    public NatConfig withConntrackCollision(boolean on) {
        return new NatConfig(mapping, filtering, allocation, portStep, portLow, portHigh, mappingTimeoutNs,
                inboundRefresh, hairpinning, on, udpBlocked);
    }
}
