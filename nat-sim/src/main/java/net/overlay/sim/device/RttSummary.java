package net.overlay.sim.device;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Round-trip samples as an HdrHistogram: a few quantiles for tables, and the whole histogram in
 * HdrHistogram's compressed encoding, Base64 (as its log format writes it), so that the lab, or
 * HdrHistogram's own tools in any language, can read every sample back. Quantiles are
 * HdrHistogram's: the highest value equivalent to the sample's bucket, within 0.1 % (three
 * significant digits). Immutable; equal summaries have equal histograms.
 *
 * @param samples how many round trips
 * @param p50Ns median, -1 when there are no samples (likewise below)
 * @param p90Ns 90th percentile
 * @param p99Ns 99th percentile
 * @param maxNs largest
 * @param histogram the histogram, compressed and Base64-encoded; empty when there are no samples
 */
public record RttSummary(long samples, long p50Ns, long p90Ns, long p99Ns, long maxNs, String histogram) {

    /** Samples below 1 us are recorded as 1 us; none above an hour is kept. */
    static final long LOWEST_NS = 1_000L;
    static final long HIGHEST_NS = 3_600_000_000_000L;
    static final int DIGITS = 3;

    /** No samples. */
    public static final RttSummary NONE = new RttSummary(0, -1, -1, -1, -1, "");

    /** A histogram with this class's range and precision, to record into. */
    static Histogram newHistogram() {
        return new Histogram(LOWEST_NS, HIGHEST_NS, DIGITS);
    }

    /** Records one sample into {@code h}, clamped to the range. */
    static void record(Histogram h, long rttNs) {
        h.recordValue(Math.clamp(rttNs, LOWEST_NS, HIGHEST_NS));
    }

    /** Summarises {@code h} (left as it is). */
    public static RttSummary of(Histogram h) {
        if (h.getTotalCount() == 0) return NONE;
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
        return new RttSummary(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getMaxValue(), encoded);
    }

    /** The samples back as a histogram (empty when there are none). */
    public Histogram decode() {
        if (histogram.isEmpty()) return newHistogram();
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(histogram)), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("not an HdrHistogram: " + e.getMessage(), e);
        }
    }
}
