package net.overlay.lab.testbed;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a site's NAT namespace allocates external ports, as nftables {@code masquerade} flags.
 * Linux conntrack keeps a mapping per 5-tuple and filters inbound by address and port, so all three
 * filter like an RFC 4787 port-restricted NAT; they differ in port choice.
 */
public enum NatMode {
    /** Keeps the source port when free: endpoint-independent in practice (port-restricted cone). */
    MASQUERADE("masquerade", ""),
    /** Never keeps the source port; picks it by a keyed hash of the flow, so it varies per destination: symmetric. */
    RANDOM("random", " random"),
    /** Every new flow gets a random port, even when the source port is free: fully symmetric. */
    FULLY_RANDOM("fully-random", " fully-random");

    private final String cliName;
    private final String nftFlags;

    NatMode(String cliName, String nftFlags) {
        this.cliName = cliName;
        this.nftFlags = nftFlags;
    }

    /** The name used on the command line and in docs. */
    public String cliName() {
        return cliName;
    }

    /** The text appended to the nftables {@code masquerade} statement (empty or with a leading space). */
    String nftFlags() {
        return nftFlags;
    }

    /** Parses {@code masquerade|random|fully-random}, case-insensitively. */
    public static NatMode parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (NatMode m : values()) {
            if (m.cliName.equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown NAT mode '" + text + "': allowed "
                + Arrays.stream(values()).map(NatMode::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
