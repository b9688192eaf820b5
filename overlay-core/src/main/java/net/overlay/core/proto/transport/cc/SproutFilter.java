package net.overlay.core.proto.transport.cc;

import java.util.Arrays;

/**
 * Sprout's link model and Bayesian filter (Winstein, Sivaraman, Balakrishnan, "Stochastic
 * Forecasts Achieve High Throughput and Low Delay over Cellular Networks", NSDI 2013, section 3).
 * The link delivers packets as a Poisson process whose rate wanders as Brownian motion
 * ({@code sigma} packets/s per square-root second) and sticks at zero during an outage, which it
 * leaves with probability {@code escapeRate} per second. The receiver keeps a probability
 * distribution over {@value #BINS} rate bins; each tick it weighs every bin by the Poisson
 * likelihood of what arrived, then lets the rate diffuse for one tick.
 *
 * <p>A tick in which the sender was limited (it had sent all the last forecast allowed, so the
 * link may have idled) is a censored observation, weighed by the probability of at least that
 * many arrivals: Sprout's sender says so with a "time to next packet" hint in every packet, which
 * our transport does not carry, so {@link SproutReceiver} infers it from its own forecasts.
 *
 * <p>The forecast evolves the distribution forward tick by tick without observations and takes
 * a low percentile (the 5th) of the rate in each future tick; summing those gives the cumulative
 * packets the link delivers "almost surely". Sprout computes the percentile of the cumulative
 * count itself; summing per-tick percentiles ignores the Poisson noise of the count, a
 * simplification we make because over the 160 ms horizon the rate, not the count, dominates.
 * Diffusion kernels are truncated at four standard deviations. Works on preallocated arrays.
 */
final class SproutFilter implements TickForecaster {
    /** Sprout: 256 rate bins. */
    static final int BINS = 256;
    /** Kernel cut-off in standard deviations; beyond it the Gaussian weight is below 1e-4. */
    private static final double KERNEL_SIGMAS = 4;
    /** Bins below this probability are skipped when diffusing (they change nothing visible). */
    private static final double NEGLIGIBLE = 1e-14;

    private final double tickSeconds;
    private final double percentile;
    private final double binRatePps;
    private final double[] logRateTick;
    private final double[] kernel;
    private final int kernelHalfWidth;
    private final double escapePerTick;
    private double[] prob = new double[BINS];
    private double[] scratchA = new double[BINS];
    private double[] scratchB = new double[BINS];

    /**
     * @param tickSeconds tick length (Sprout: 0.02)
     * @param maxRatePps the top bin's rate in packets per second
     * @param sigmaPps Brownian-motion noise in packets/s per sqrt(s) (Sprout: 200)
     * @param escapePerSecond rate of leaving an outage, per second
     * @param percentile the forecast's percentile (Sprout: 0.05)
     */
    SproutFilter(double tickSeconds, double maxRatePps, double sigmaPps, double escapePerSecond, double percentile) {
        if (!(tickSeconds > 0 && maxRatePps > 0 && sigmaPps > 0 && escapePerSecond >= 0
                && percentile > 0 && percentile < 1)) {
            throw new IllegalArgumentException("sprout filter needs positive tick, rate and sigma, 0 < percentile < 1");
        }
        this.tickSeconds = tickSeconds;
        this.percentile = percentile;
        this.binRatePps = maxRatePps / (BINS - 1);
        this.logRateTick = new double[BINS];
        for (int i = 0; i < BINS; i++) {
            logRateTick[i] = Math.log(i * binRatePps * tickSeconds);
        }
        double sigmaBins = sigmaPps * Math.sqrt(tickSeconds) / binRatePps;
        this.kernelHalfWidth = (int) Math.min(BINS - 1, Math.ceil(KERNEL_SIGMAS * sigmaBins));
        this.kernel = new double[2 * kernelHalfWidth + 1];
        double sum = 0;
        for (int d = -kernelHalfWidth; d <= kernelHalfWidth; d++) {
            double w = Math.exp(-0.5 * (d / sigmaBins) * (d / sigmaBins));
            kernel[d + kernelHalfWidth] = w;
            sum += w;
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
        this.escapePerTick = Math.min(1, escapePerSecond * tickSeconds);
        // Sprout starts knowing nothing: every rate equally likely.
        Arrays.fill(prob, 1.0 / BINS);
    }

    @Override
    public void observeTick(double packets, boolean senderLimited) {
        if (senderLimited) {
            weighByTail((int) Math.floor(packets));
        } else {
            weighByCount(packets);
        }
        double total = 0;
        for (int i = 0; i < BINS; i++) {
            total += prob[i];
        }
        if (!(total > 0)) {
            // Nothing the model allowed explains the tick: start again from ignorance.
            Arrays.fill(prob, 1.0 / BINS);
        } else {
            for (int i = 0; i < BINS; i++) {
                prob[i] /= total;
            }
        }
        diffuse(prob, scratchB);
        double[] t = prob;
        prob = scratchB;
        scratchB = t;
    }

    /** Poisson likelihood k ln(lambda tau) - lambda tau (k! is the same in every bin), scaled to the best bin. */
    private void weighByCount(double packets) {
        double maxLog = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < BINS; i++) {
            double logL = i == 0
                    ? (packets > 0 ? Double.NEGATIVE_INFINITY : 0)
                    : packets * logRateTick[i] - i * binRatePps * tickSeconds;
            scratchA[i] = logL;
            maxLog = prob[i] > 0 ? Math.max(maxLog, logL) : maxLog;
        }
        for (int i = 0; i < BINS; i++) {
            prob[i] = prob[i] > 0 && maxLog != Double.NEGATIVE_INFINITY ? prob[i] * Math.exp(scratchA[i] - maxLog) : 0;
        }
    }

    /** Censored observation: the likelihood of at least {@code k} arrivals, 1 - P(N < k). */
    private void weighByTail(int k) {
        for (int i = 0; i < BINS; i++) {
            double mean = i * binRatePps * tickSeconds;
            double term = Math.exp(-mean);
            double below = 0;
            for (int j = 0; j < k && below < 1; j++) {
                below += term;
                term *= mean / (j + 1);
            }
            prob[i] *= Math.max(0, 1 - below);
        }
    }

    /** One tick of the rate's evolution: Gaussian diffusion, clamped at the ends; zero is sticky. */
    private void diffuse(double[] from, double[] to) {
        Arrays.fill(to, 0);
        for (int i = 0; i < BINS; i++) {
            double p = from[i];
            if (p < NEGLIGIBLE) {
                continue;
            }
            if (i == 0) {
                to[0] += p * (1 - escapePerTick);
                p *= escapePerTick;
            }
            for (int k = 0; k < kernel.length; k++) {
                int j = Math.clamp(i + k - kernelHalfWidth, 0, BINS - 1);
                to[j] += p * kernel[k];
            }
        }
    }

    @Override
    public void forecast(double[] cumulativePackets) {
        System.arraycopy(prob, 0, scratchA, 0, BINS);
        double total = 0;
        for (int t = 0; t < cumulativePackets.length; t++) {
            // prob already holds the rate for the next tick; later ticks diffuse further.
            if (t > 0) {
                diffuse(scratchA, scratchB);
                System.arraycopy(scratchB, 0, scratchA, 0, BINS);
            }
            total += ratePercentile(scratchA) * tickSeconds;
            cumulativePackets[t] = total;
        }
    }

    private double ratePercentile(double[] p) {
        double cum = 0;
        for (int i = 0; i < BINS; i++) {
            cum += p[i];
            if (cum >= percentile) {
                return i * binRatePps;
            }
        }
        return (BINS - 1) * binRatePps;
    }

    /** The mean rate of the current distribution, in packets per second (for tests and logs). */
    double meanRatePps() {
        double m = 0;
        for (int i = 0; i < BINS; i++) {
            m += prob[i] * i * binRatePps;
        }
        return m;
    }
}
