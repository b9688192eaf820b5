package net.overlay.lab.scale;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.Scenario;
import net.overlay.sim.device.DeviceSimSpec;

/**
 * Kind {@code scale}: the simulator's device workload ({@code DeviceSimSpec.bench}: three regions, a
 * NAT mix after measured shares, 30 % cellular) at each of a list of sizes, one after another in
 * this JVM; per size the wall and CPU time, events, events/s, peak and live heap per device, and the
 * connection outcomes. Parameters: see {@link ScaleSettings#read}. Found by the scenario catalogue.
 */
public final class ScaleScenario implements Scenario {
    public static final String KIND = "scale";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Prepared prepare(Params params) {
        ScaleSettings s = ScaleSettings.read(params);
        return new Prepared() {
            @Override
            public long workUnits() {
                return s.workUnits();
            }

            @Override
            public void run(RunContext context) throws IOException {
                List<SizeRun.Measured> runs = new ArrayList<>();
                List<String> skipped = new ArrayList<>();
                long maxHeapBytes = Runtime.getRuntime().maxMemory();
                for (int devices : s.sizes()) {
                    long needBytes = HeapFit.neededBytes(devices, runs);
                    if (needBytes > maxHeapBytes) {
                        String why = HeapFit.skipReason(devices, needBytes, maxHeapBytes);
                        System.err.println("scale: " + why);
                        skipped.add(why);
                        context.progress().advance(devices);
                        continue;
                    }
                    DeviceSimSpec spec = DeviceSimSpec.bench(devices, s.minutes(), s.connects(devices), context.seed());
                    SizeRun.Measured m = SizeRun.run(spec, s.threads(), s.regions());
                    System.err.printf(Locale.ROOT, "scale: %,d devices: %.1f s wall, %.1f s cpu, %,d events%n",
                            devices, m.wallNs() / 1e9, m.cpuNs() / 1e9, m.result().engine().events());
                    runs.add(m);
                    context.progress().advance(devices);
                }
                if (runs.isEmpty()) {
                    throw new IOException("no size fits in this JVM's heap: " + String.join("; ", skipped));
                }
                skipped.forEach(context.outputs().report()::note);
                context.outputs().report().lead("The charts show how the simulator's wall time, heap per device "
                        + "and event rate change with the number of devices; the table gives each size's figures.");
                ScaleOutput.write(s, context.seed(), runs, context.outputs());
            }
        };
    }
}
