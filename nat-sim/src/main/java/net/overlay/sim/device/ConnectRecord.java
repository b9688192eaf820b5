package net.overlay.sim.device;

import net.overlay.core.nat.NatPreset;

/**
 * One client's connection attempt, as the lab charts it. Times are virtual nanoseconds, measured
 * from the client's start (its NAT discovery and rendezvous handshake included, as a user who opens
 * the app and connects at once would see them); -1 when the event did not happen.
 *
 * @param client client number
 * @param device device number it connected to
 * @param deviceNat the device's NAT preset
 * @param clientNat the client's NAT preset
 * @param deviceCellular whether the device sits on a cellular link (behind carrier-grade NAT)
 * @param outcome what the client had reached when its lifetime ended
 * @param startNs the client's start on the simulation's clock
 * @param firstByteNs until the session was up over the relay (data can flow): time to first byte
 * @param directNs until the session moved to a direct path
 * @param strategy how the client punched: {@code simultaneous-open}, {@code primed}, {@code predicted},
 *     {@code birthday}, {@code relay-only}, or {@code none} when it never started punching
 * @param relayRttNs round trip over the relay on the simulated links (client-rendezvous-device, no jitter)
 * @param directRttNs round trip of the direct path on the simulated links (no jitter)
 * @param failure for a failed connect, why: the rendezvous's refusal ({@code relay-unavailable},
 *     {@code device-offline}, ...), {@code no-answer} (the device never answered), or {@code timeout}
 *     (the client's life ended first); empty otherwise
 * @param rtt the round trips the client measured inside the session (a ping every
 *     {@code pingIntervalMs}, echoed by the device: {@code PingProbe}), over whatever path each
 *     took, relayed or direct; {@link RttSummary#NONE} when there were none
 */
public record ConnectRecord(int client, int device, NatPreset deviceNat, NatPreset clientNat, boolean deviceCellular,
        Outcome outcome, long startNs, long firstByteNs, long directNs, String strategy, long relayRttNs,
        long directRttNs, String failure, RttSummary rtt) {

    public ConnectRecord {
        java.util.Objects.requireNonNull(rtt, "rtt");
    }

    /** Where a connection ended up. */
    public enum Outcome { DIRECT, RELAYED, FAILED }

    /** A CSV header matching {@link #csv()}. */
    public static final String CSV_HEADER =
            "client,device,device_nat,client_nat,device_cellular,outcome,start_ms,first_byte_ms,direct_ms,strategy,relay_rtt_ms,direct_rtt_ms,failure,"
            + "rtt_samples,rtt_p50_ms,rtt_p90_ms,rtt_p99_ms,rtt_max_ms,rtt_hdr";

    /**
     * One CSV line (milliseconds with three decimals; empty where the event did not happen); the last
     * column is the RTT histogram, compressed and Base64-encoded (HdrHistogram's log format).
     */
    public String csv() {
        return client + "," + device + "," + deviceNat.id() + "," + clientNat.id() + "," + deviceCellular + ","
                + outcome.name().toLowerCase(java.util.Locale.ROOT) + "," + ms(startNs) + "," + ms(firstByteNs) + ","
                + ms(directNs) + "," + strategy + "," + ms(relayRttNs) + "," + ms(directRttNs) + "," + failure + ","
                + rtt.samples() + "," + ms(rtt.p50Ns()) + "," + ms(rtt.p90Ns()) + "," + ms(rtt.p99Ns()) + ","
                + ms(rtt.maxNs()) + "," + rtt.histogram();
    }

    private static String ms(long ns) {
        return ns < 0 ? "" : String.format(java.util.Locale.ROOT, "%.3f", ns / 1e6);
    }
}
