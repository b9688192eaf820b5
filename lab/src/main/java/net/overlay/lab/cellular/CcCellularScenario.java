package net.overlay.lab.cellular;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.CongestionControls;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.Scenario;
import net.overlay.lab.scenario.ScenarioException;

/**
 * Kind {@code cc-cellular}: every shipped congestion controller, plus the one {@code --cc} names (a
 * factory's short name or a class name, found with the thread's context class loader), over
 * cellular traces. Parameters: see {@link CellularSettings#read}. Found by the scenario catalogue.
 */
public final class CcCellularScenario implements Scenario {
    public static final String KIND = "cc-cellular";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean usesCongestionControl() {
        return true;
    }

    private static ClassLoader loader() {
        return Thread.currentThread().getContextClassLoader();
    }

    @Override
    public Prepared prepare(Params params) {
        List<CongestionControlFactory> available = CongestionControls.available(loader());
        List<String> names = available.stream().map(CongestionControlFactory::name).toList();
        CellularSettings s = CellularSettings.read(params, names);
        return new Prepared() {
            @Override
            public long workUnits() {
                return s.workUnits(1);
            }

            @Override
            public void run(RunContext context) throws IOException {
                List<CongestionControlFactory> run = new ArrayList<>(available.stream()
                        .filter(f -> s.controllers().contains(f.name())).toList());
                if (context.congestionControl().isPresent()) {
                    CongestionControlFactory extra;
                    try {
                        extra = CongestionControls.find(context.congestionControl().get(), loader());
                    } catch (IllegalArgumentException e) {
                        throw new ScenarioException("--cc: " + e.getMessage(), e);
                    }
                    if (run.stream().noneMatch(f -> f.name().equals(extra.name()))) {
                        run.add(extra);
                    }
                }
                context.progress().advance(s.workUnits(1) - (long) s.traces().size() * run.size() * s.durationS());
                List<CellularRun.Cell> cells = CellularRun.run(s, run, context.seed(), context.progress());
                context.outputs().report().lead("Each chart shows, for one cellular trace, the throughput each "
                        + "congestion controller reached against the 95th percentile self-inflicted delay it caused "
                        + "(the Sprout paper's metrics), with the paper's own results where a trace matches one of "
                        + "its links.");
                CellularOutput.write(s, cells, context.outputs());
            }
        };
    }
}
