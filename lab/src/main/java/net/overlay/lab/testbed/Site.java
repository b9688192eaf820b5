package net.overlay.lab.testbed;

/**
 * One site of the testbed: a host namespace on a private LAN behind a NAT namespace, with optional
 * impairments on the NAT's internet-facing link (both directions for loss and delay; egress for rate).
 *
 * @param name one lower-case letter, used in namespace names ({@code PREFIX-site-a}, {@code PREFIX-nat-a})
 * @param natMode how the NAT picks external ports
 * @param lossPercent packets dropped on the WAN link, each direction, 0 to 100
 * @param rateKbit egress rate limit of the NAT's WAN link in kbit/s, 0 for none
 * @param delayMs one-way delay added in each direction between the NAT and its router by the
 *     user-space {@link DelayLine}, 0 for none; the round trip grows by twice this
 * @param variation how the delay line varies each packet's delay (jitter, reordering) on top of
 *     {@code delayMs}; {@link DelayVariation#NONE} for a constant delay
 */
public record Site(String name, NatMode natMode, int lossPercent, int rateKbit, int delayMs,
        DelayVariation variation) {
    /** Our choice: a delay line holds at most this long (ten seconds is no network any test wants). */
    public static final int MAX_DELAY_MS = 10_000;

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
        if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
            throw new IllegalArgumentException("delay must be 0.." + MAX_DELAY_MS + " ms, not " + delayMs);
        }
        if (variation == null) {
            throw new IllegalArgumentException("variation must be given (DelayVariation.NONE for none)");
        }
    }

    /** A site whose delay, if any, is constant. */
    public Site(String name, NatMode natMode, int lossPercent, int rateKbit, int delayMs) {
        this(name, natMode, lossPercent, rateKbit, delayMs, DelayVariation.NONE);
    }

    /** A site without delay. */
    public Site(String name, NatMode natMode, int lossPercent, int rateKbit) {
        this(name, natMode, lossPercent, rateKbit, 0);
    }

    /** True when the site's link crosses a {@link DelayLine}: a delay, jitter or reordering. */
    public boolean hasDelayLine() {
        return delayMs > 0 || variation.varies();
    }

    /** A site with a plain port-restricted NAT and no impairments. */
    public static Site plain(String name) {
        return new Site(name, NatMode.MASQUERADE, 0, 0, 0);
    }
}
