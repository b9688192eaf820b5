package net.overlay.core.netsim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When the model bottleneck may send its next packet. Stateful: {@link #next} consumes the
 * opportunity it returns. Rates (constant, stepped) space packets by their transmission time;
 * Mahimahi traces give fixed opportunities that are wasted when the queue is empty.
 */
public interface DeliverySchedule {

    /** The first unused opportunity at or after {@code atNs}; it is used up. */
    long next(long atNs);

    static DeliverySchedule constant(double bitsPerSec) {
        return steps(new long[] {0}, new double[] {bitsPerSec});
    }

    /** Rate {@code bitsPerSec[i]} from {@code fromNs[i]} on (the first entry must start at 0). */
    static DeliverySchedule steps(long[] fromNs, double[] bitsPerSec) {
        if (fromNs.length == 0 || fromNs.length != bitsPerSec.length || fromNs[0] != 0) {
            throw new IllegalArgumentException("steps need matching arrays starting at 0");
        }
        return new DeliverySchedule() {
            private long lastNs = Long.MIN_VALUE;

            private int segment(long tNs) {
                int i = Arrays.binarySearch(fromNs, tNs);
                return i >= 0 ? i : -i - 2;
            }

            @Override
            public long next(long atNs) {
                long t = atNs;
                if (lastNs != Long.MIN_VALUE) {
                    double bps = bitsPerSec[segment(lastNs)];
                    long spacingNs = bps > 0 ? (long) (LinkModel.PACKET_BYTES * 8 * 1e9 / bps) : 0;
                    t = Math.max(t, lastNs + spacingNs);
                }
                for (int s = segment(t); bitsPerSec[s] <= 0; s = segment(t)) {
                    if (s + 1 >= fromNs.length) {
                        return Long.MAX_VALUE; // the link stays down for good
                    }
                    t = fromNs[s + 1];
                }
                lastNs = t;
                return t;
            }
        };
    }

    /** A Mahimahi trace: one 1500-byte opportunity per entry, in ms; repeats with its last timestamp as period. */
    static DeliverySchedule trace(int[] opportunitiesMs) {
        if (opportunitiesMs.length == 0 || opportunitiesMs[opportunitiesMs.length - 1] <= 0) {
            throw new IllegalArgumentException("a trace needs at least one opportunity after 0 ms");
        }
        long periodNs = opportunitiesMs[opportunitiesMs.length - 1] * 1_000_000L;
        int n = opportunitiesMs.length;
        return new DeliverySchedule() {
            private long cursor;

            private long at(long index) {
                return index / n * periodNs + opportunitiesMs[(int) (index % n)] * 1_000_000L;
            }

            @Override
            public long next(long atNs) {
                cursor = Math.max(cursor, atNs / periodNs * n);
                while (at(cursor) < atNs) {
                    cursor++;
                }
                return at(cursor++);
            }
        };
    }

    /** Reads a Mahimahi trace file: one non-decreasing millisecond timestamp per line. */
    static int[] readMahimahi(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int[] ms = new int[lines.size()];
        int n = 0;
        int previous = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int v = Integer.parseInt(line);
            if (v < previous) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": timestamps must not decrease");
            }
            ms[n++] = previous = v;
        }
        return Arrays.copyOf(ms, n);
    }

    /**
     * A synthetic cellular-like trace after Sprout's link model: the rate wanders as Brownian
     * motion (sigma packets/s per sqrt(s)) pulled gently towards a mean, clamped to
     * [0, maxPps], with occasional outages; opportunities arrive as a Poisson process.
     */
    static int[] synthetic(long seed, int durationMs, double meanPps, double maxPps, double sigmaPps) {
        var random = new SplittableRandom(seed);
        int[] out = new int[(int) (durationMs * maxPps / 1000) + 16];
        int n = 0;
        double ratePps = meanPps;
        int outageLeftMs = 0;
        for (int ms = 0; ms < durationMs; ms++) {
            if (ms % 20 == 0) {
                ratePps += 0.5 * (meanPps - ratePps) * 0.02 + sigmaPps * Math.sqrt(0.02) * random.nextGaussian();
                ratePps = Math.clamp(ratePps, 0, maxPps);
                if (outageLeftMs == 0 && random.nextDouble() < 0.004) {
                    outageLeftMs = 100 + random.nextInt(400);
                }
            }
            if (outageLeftMs > 0) {
                outageLeftMs--;
                continue;
            }
            // Poisson count of opportunities in this millisecond, by inversion.
            double mean = ratePps / 1000;
            double p = Math.exp(-mean);
            double u = random.nextDouble();
            int k = 0;
            for (double cdf = p; u > cdf && k < 50; cdf += p) {
                p *= mean / ++k;
            }
            for (int j = 0; j < k && n < out.length; j++) {
                out[n++] = ms;
            }
        }
        out = Arrays.copyOf(out, n + 1);
        out[n] = durationMs; // a trailing opportunity fixes the period
        return out;
    }
}
