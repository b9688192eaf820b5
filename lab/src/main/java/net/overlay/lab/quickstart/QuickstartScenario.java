package net.overlay.lab.quickstart;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import net.overlay.lab.directrelay.DirectRelayAttempt;
import net.overlay.lab.directrelay.DirectRelayOutput;
import net.overlay.lab.directrelay.DirectRelayScenario;
import net.overlay.lab.directrelay.DirectRelaySettings;
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
 * Kind {@code quickstart}: a full-protocol punch matrix over a handful of presets (parameters under
 * {@code params.punch}, as for {@code punch-matrix}), a small direct-versus-relay run (under
 * {@code params.directRelay}, as for {@code direct-vs-relay}) and a keepalive sweep (under
 * {@code params.keepalive}, as for {@code keepalive}), with smaller defaults than each alone.
 */
public final class QuickstartScenario implements Scenario {
    public static final String KIND = "quickstart";
    static final List<String> DEFAULT_PRESETS = List.of("open", "full-cone", "port-restricted", "symmetric-sequential",
            "symmetric-random", "cgnat-cellular");
    static final int DEFAULT_ATTEMPTS = 10;
    static final List<Integer> DEFAULT_INTERVALS_S = List.of(10, 20, 25, 40, 50, 75, 100, 150, 200, 400, 600);
    static final int DEFAULT_DURATION_S = 1800;
    static final int DEFAULT_RTT_ATTEMPTS = 10;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Prepared prepare(Params params) {
        PunchSettings punch = PunchSettings.read(params.child("punch"), DEFAULT_PRESETS, DEFAULT_ATTEMPTS);
        DirectRelaySettings rtt = DirectRelaySettings.read(params.child("directRelay"), DEFAULT_RTT_ATTEMPTS);
        KeepaliveSettings keepalive = KeepaliveSettings.read(params.child("keepalive"), DEFAULT_INTERVALS_S,
                DEFAULT_DURATION_S);
        return new Prepared() {
            @Override
            public long workUnits() {
                return PunchMatrix.workUnits(punch) + DirectRelayScenario.workUnitsOf(rtt) + keepalive.cellCount();
            }

            @Override
            public void run(RunContext context) throws IOException {
                PunchMatrix.Outcome o = PunchMatrix.run(punch, context.seed(), context.progress());
                List<DirectRelayAttempt.Result> rtts = DirectRelayScenario.runAll(rtt, context.seed(), context.progress());
                List<KeepaliveTrial.Result> rs = KeepaliveOutput.sweep(keepalive, context.seed(), context.progress());
                context.outputs().report().lead(String.format(Locale.ROOT, "What the charts show. First, a heatmap "
                                + "of hole-punch success for every pair of %d NAT presets (%d attempts each, %s), and "
                                + "the times to first byte and to a direct path. Second, the session's round trip over "
                                + "the relay and direct, and their ratio, for %d NAT pairs in %d placements across "
                                + "regions. Third, how well a device behind a %s NAT stays reachable at its registered "
                                + "address as its keepalive interval grows past the NAT's mapping timeout (%s s), and "
                                + "how often its public address changes when it does.", punch.presets().size(),
                        punch.attempts(), punch.engine() == PunchSettings.Engine.PROTOCOL
                                ? "the full encrypted protocol on the NAT models" : "bare datagrams on the NAT models",
                        rtt.pairs().size(), rtt.attempts(), keepalive.nat().id(),
                        keepalive.mappingTimeoutsS().stream().map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining("/"))));
                PunchOutput.write(o, context.outputs());
                DirectRelayOutput.write(rtt, rtts, context.outputs());
                KeepaliveOutput.write(keepalive, rs, context.outputs());
            }
        };
    }
}
