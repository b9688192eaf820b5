package net.overlay.lab.cellular;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.overlay.lab.scenario.Params;

/**
 * The validated inputs of a {@code cc-cellular} run.
 *
 * @param traces the links: Mahimahi files, or {@link #SYNTHETIC} for the generated trace
 * @param controllers short names of the controllers to run (the {@code --cc} one is added at run time)
 * @param durationS virtual time per (trace, controller) run
 * @param skipS seconds at the start left out of the metrics (start-up: slow start, the filters' warm-up)
 * @param oneWayDelayMs fixed propagation delay each way (the Sprout paper: 20 ms)
 */
public record CellularSettings(List<String> traces, List<String> controllers, int durationS, int skipS,
        int oneWayDelayMs) {

    /** The trace name that selects the generated cellular-like trace instead of a file. */
    public static final String SYNTHETIC = "synthetic";

    /** The shared traces, in the order runs and charts show them. */
    static final List<String> SHARED_TRACES = List.of("ATT-LTE-driving.down", "ATT-LTE-driving.up",
            "TMobile-LTE-short.down", "TMobile-LTE-short.up", "TMobile-UMTS-driving.down", "TMobile-UMTS-driving.up",
            "Verizon-EVDO-driving.down", "Verizon-EVDO-driving.up");

    public CellularSettings {
        traces = List.copyOf(traces);
        controllers = List.copyOf(controllers);
    }

    /**
     * Reads the settings. The default traces are the shared folder's ({@code ../shared/traces/}, or
     * the {@code overlay.shared.dir} system property's {@code traces/}) when it exists, else the
     * synthetic trace alone; {@code scenario.json} records which.
     *
     * @param shipped the short names of the controllers found on the class path
     */
    public static CellularSettings read(Params p, List<String> shipped) {
        List<String> traces = readTraces(p);
        List<String> controllers = p.choiceList("controllers", shipped, shipped);
        int duration = p.intValue("durationS", 180, 5, 3600);
        int skip = p.intValue("skipS", 60, 0, 3599);
        if (skip >= duration) {
            throw p.invalid("skipS", "must be below durationS (" + duration + "), got " + skip);
        }
        int delay = p.intValue("oneWayDelayMs", 20, 0, 1000);
        return new CellularSettings(traces, controllers, duration, skip, delay);
    }

    /**
     * Reads the {@code traces} field: Mahimahi files that must exist, or {@link #SYNTHETIC}; by
     * default {@link #defaultTraces()}.
     */
    public static List<String> readTraces(Params p) {
        return readTraces(p, defaultTraces());
    }

    /** As {@link #readTraces(Params)}, with other defaults (the {@code video-qos} scenario's). */
    public static List<String> readTraces(Params p, List<String> defaults) {
        List<String> traces = p.stringList("traces", defaults, 64);
        for (int i = 0; i < traces.size(); i++) {
            String t = traces.get(i);
            if (!t.equals(SYNTHETIC) && !Files.isRegularFile(Path.of(t))) {
                throw p.invalid("traces[" + i + "]", "must be \"" + SYNTHETIC + "\" or a Mahimahi trace file; no such "
                        + "file: " + t);
            }
        }
        return traces;
    }

    public static List<String> defaultTraces() {
        Path dir = Path.of(System.getProperty("overlay.shared.dir", "../shared"), "traces");
        if (!Files.isDirectory(dir)) {
            return List.of(SYNTHETIC);
        }
        List<String> out = new ArrayList<>();
        for (String name : SHARED_TRACES) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                out.add(f.toString());
            }
        }
        return out.isEmpty() ? List.of(SYNTHETIC) : List.copyOf(out);
    }

    /** A trace's short name for tables and charts: the file name, or {@link #SYNTHETIC}. */
    public static String label(String trace) {
        return trace.equals(SYNTHETIC) ? SYNTHETIC : Path.of(trace).getFileName().toString();
    }

    /**
     * Units of work: a virtual second of one (trace, controller) run, with room for {@code extra}
     * more controllers (so that a quick run, with shorter runs, counts less).
     */
    long workUnits(int extra) {
        return (long) traces.size() * (controllers.size() + extra) * durationS;
    }
}
