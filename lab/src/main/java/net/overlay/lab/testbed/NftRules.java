package net.overlay.lab.testbed;

/**
 * The nftables script of one NAT namespace: masquerade on the WAN interface in the chosen mode and
 * optional random drops in both directions. The script first creates then deletes the table, so
 * loading it again replaces the old rules instead of adding to them (idempotent {@code up}).
 */
final class NftRules {
    /** Name of our table in each NAT namespace. */
    static final String TABLE = "overlay_nat";

    private NftRules() {
    }

    static String natTable(Site s) {
        StringBuilder b = new StringBuilder();
        b.append("table ip ").append(TABLE).append(" {\n}\n");
        b.append("delete table ip ").append(TABLE).append('\n');
        b.append("table ip ").append(TABLE).append(" {\n");
        b.append("  chain postrouting {\n");
        b.append("    type nat hook postrouting priority srcnat; policy accept;\n");
        b.append("    oifname \"wan\" masquerade").append(s.natMode().nftFlags()).append('\n');
        b.append("  }\n");
        if (s.lossPercent() > 0) {
            // No netem on this kernel: numgen random gives a uniform 0..99 per packet.
            String drop = " numgen random mod 100 < " + s.lossPercent() + " drop\n";
            b.append("  chain loss_in {\n");
            b.append("    type filter hook prerouting priority -300; policy accept;\n");
            b.append("    iifname \"wan\"").append(drop);
            b.append("  }\n");
            b.append("  chain loss_out {\n");
            b.append("    type filter hook postrouting priority 300; policy accept;\n");
            b.append("    oifname \"wan\"").append(drop);
            b.append("  }\n");
        }
        b.append("}\n");
        return b.toString();
    }
}
