package net.overlay.lab.testbed;

/**
 * One site of the testbed: a host namespace on a private LAN behind a NAT namespace, with optional
 * impairments on the NAT's internet-facing link (both directions for loss; egress for rate).
 *
 * @param name one lower-case letter, used in namespace names ({@code PREFIX-site-a}, {@code PREFIX-nat-a})
 * @param natMode how the NAT picks external ports
 * @param lossPercent packets dropped on the WAN link, each direction, 0 to 100
 * @param rateKbit egress rate limit of the NAT's WAN link in kbit/s, 0 for none
 */
public record Site(String name, NatMode natMode, int lossPercent, int rateKbit) {

    public Site {
        if (!name.matches("[a-z]")) {
            throw new IllegalArgumentException("site name must be one lower-case letter: '" + name + "'");
        }
        if (lossPercent < 0 || lossPercent > 100) {
            throw new IllegalArgumentException("loss must be 0..100 percent, not " + lossPercent);
        }
        if (rateKbit < 0) {
            throw new IllegalArgumentException("rate must be >= 0 kbit/s, not " + rateKbit);
        }
    }

    /** A site with a plain port-restricted NAT and no impairments. */
    public static Site plain(String name) {
        return new Site(name, NatMode.MASQUERADE, 0, 0);
    }
}
