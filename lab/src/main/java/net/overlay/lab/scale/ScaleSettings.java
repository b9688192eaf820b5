package net.overlay.lab.scale;

import java.util.List;
import net.overlay.lab.scenario.Params;

/**
 * The validated inputs of a scale run.
 *
 * @param sizes device counts, one simulation each, in the order given
 * @param minutes simulated minutes per size (devices register in the first minute)
 * @param connectsPerDevice clients per device: {@code connects = round(devices * this)}
 * @param threads actor threads of the simulator
 * @param regions engine regions (actors) the nodes are spread over
 */
public record ScaleSettings(List<Integer> sizes, double minutes, double connectsPerDevice, int threads, int regions) {

    /**
     * Issue #8's range. A million devices need about 10 GB of heap: a JVM with less skips that size
     * with the reason ({@link HeapFit}); {@code --quick} runs two small sizes instead.
     */
    static final List<Integer> DEFAULT_SIZES = List.of(10_000, 100_000, 1_000_000);
    static final int MAX_DEVICES = 1_000_000;

    public ScaleSettings {
        sizes = List.copyOf(sizes);
    }

    /** Clients for {@code devices}. */
    int connects(int devices) {
        return (int) Math.round(devices * connectsPerDevice);
    }

    /** One unit of work per device simulated, so that the time estimate weighs big sizes right. */
    long workUnits() {
        return sizes.stream().mapToLong(Integer::longValue).sum();
    }

    static ScaleSettings read(Params p) {
        List<Integer> sizes = p.intList("sizes", DEFAULT_SIZES, 10, MAX_DEVICES, 20);
        // Below 2 minutes the bench spec leaves clients no window: they start after 90 s (or half
        // the run) and live 30 s.
        double minutes = p.doubleValue("minutes", 3, 2, 60);
        double perDevice = p.doubleValue("connectsPerDevice", 0.1, 0, 1);
        int threads = p.intValue("threads", 2, 1, 64);
        int regions = p.intValue("regions", 4, 1, 256);
        return new ScaleSettings(sizes, minutes, perDevice, threads, regions);
    }
}
