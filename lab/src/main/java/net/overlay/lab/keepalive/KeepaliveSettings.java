package net.overlay.lab.keepalive;

import java.util.List;
import net.overlay.core.nat.NatPreset;
import net.overlay.lab.punch.PunchSettings;
import net.overlay.lab.scenario.Params;

/**
 * The validated inputs of a keepalive sweep.
 *
 * @param nat the NAT preset the device sits behind (its mapping timeout is replaced by each of
 *     {@code mappingTimeoutsS})
 * @param mappingTimeoutsS the idle timeouts tried, one line on the chart each
 * @param intervalsS the keepalive intervals tried, the chart's x axis
 * @param durationS virtual time each (timeout, interval) cell runs
 * @param probeIntervalMs how often the rendezvous sends a probe to the device's last seen address
 * @param jitterPct each keepalive's delay is the interval +/- up to this share of it (timers are not exact)
 */
public record KeepaliveSettings(NatPreset nat, List<Integer> mappingTimeoutsS, List<Integer> intervalsS, int durationS,
        int probeIntervalMs, int jitterPct) {

    public static final List<Integer> DEFAULT_TIMEOUTS_S = List.of(30, 60, 120, 300);
    public static final List<Integer> DEFAULT_INTERVALS_S = List.of(5, 10, 15, 20, 25, 40, 50, 75, 100, 150, 200, 250,
            400, 600);

    public KeepaliveSettings {
        mappingTimeoutsS = List.copyOf(mappingTimeoutsS);
        intervalsS = List.copyOf(intervalsS);
    }

    /** Reads the settings with the caller's default run length. */
    public static KeepaliveSettings read(Params p, List<Integer> defaultIntervalsS, int defaultDurationS) {
        List<String> natted = PunchSettings.ALL_PRESETS.stream().filter(id -> !id.equals(NatPreset.OPEN.id())).toList();
        NatPreset nat = NatPreset.fromId(p.choice("nat", NatPreset.CGNAT_CELLULAR.id(), natted));
        List<Integer> timeouts = p.intList("mappingTimeoutsS", DEFAULT_TIMEOUTS_S, 1, 86_400, 8);
        List<Integer> intervals = p.intList("intervalsS", defaultIntervalsS, 1, 86_400, 64);
        int duration = p.intValue("durationS", defaultDurationS, 60, 7 * 86_400);
        int probe = p.intValue("probeIntervalMs", 1000, 10, 600_000);
        int jitter = p.intValue("jitterPct", 10, 0, 50);
        return new KeepaliveSettings(nat, timeouts, intervals, duration, probe, jitter);
    }

    /** Cells of the sweep: its units of work. */
    public int cellCount() {
        return mappingTimeoutsS.size() * intervalsS.size();
    }
}
