package net.overlay.lab.quickstart;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import net.overlay.lab.keepalive.KeepaliveOutput;
import net.overlay.lab.keepalive.KeepaliveSettings;
import net.overlay.lab.keepalive.KeepaliveTrial;
import net.overlay.lab.punch.PunchMatrix;
import net.overlay.lab.punch.PunchOutput;
import net.overlay.lab.punch.PunchSettings;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.Scenario;

/**
 * Kind {@code quickstart}: a punch matrix over a handful of presets (parameters under
 * {@code params.punch}, as for {@code punch-matrix}) and a keepalive sweep (under
 * {@code params.keepalive}, as for {@code keepalive}), with smaller defaults than either alone.
 */
public final class QuickstartScenario implements Scenario {
    public static final String KIND = "quickstart";
    static final List<String> DEFAULT_PRESETS = List.of("open", "full-cone", "port-restricted", "symmetric-sequential",
            "symmetric-random", "cgnat-cellular");
    static final int DEFAULT_ATTEMPTS = 10;
    static final List<Integer> DEFAULT_INTERVALS_S = List.of(10, 20, 25, 40, 50, 75, 100, 150, 200, 400, 600);
    static final int DEFAULT_DURATION_S = 1800;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Prepared prepare(Params params) {
        PunchSettings punch = PunchSettings.read(params.child("punch"), DEFAULT_PRESETS, DEFAULT_ATTEMPTS);
        KeepaliveSettings keepalive = KeepaliveSettings.read(params.child("keepalive"), DEFAULT_INTERVALS_S,
                DEFAULT_DURATION_S);
        return new Prepared() {
            @Override
            public long workUnits() {
                return PunchMatrix.workUnits(punch) + keepalive.cellCount();
            }

            @Override
            public void run(RunContext context) throws IOException {
                PunchMatrix.Outcome o = PunchMatrix.run(punch, context.seed(), context.progress());
                List<KeepaliveTrial.Result> rs = KeepaliveOutput.sweep(keepalive, context.seed(), context.progress());
                context.outputs().report()
                        .lead(String.format(Locale.ROOT, "What the charts show. First, a heatmap of hole-punch success "
                                + "for every pair of %d NAT presets (%d attempts each, bare datagrams on the NAT models: "
                                + "the planner's theory, not yet the encrypted protocol). Second, how well a device "
                                + "behind a %s NAT stays reachable at its registered address as its keepalive interval "
                                + "grows past the NAT's mapping timeout (%s s); third, how often its public address "
                                + "changes when it does.", punch.presets().size(), punch.attempts(), keepalive.nat().id(),
                                keepalive.mappingTimeoutsS().stream().map(String::valueOf)
                                        .collect(java.util.stream.Collectors.joining("/"))));
                PunchOutput.write(o, context.outputs());
                KeepaliveOutput.write(keepalive, rs, context.outputs());
            }
        };
    }
}
