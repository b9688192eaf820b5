package net.overlay.lab.keepalive;

import java.io.IOException;
import java.util.List;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.Scenario;

/**
 * Kind {@code keepalive}: NAT mapping survival against the keepalive interval, for several mapping
 * timeouts. Parameters: see {@link KeepaliveSettings#read}. Found by the scenario catalogue.
 */
public final class KeepaliveScenario implements Scenario {
    public static final String KIND = "keepalive";
    static final int DEFAULT_DURATION_S = 3600;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Prepared prepare(Params params) {
        KeepaliveSettings s = KeepaliveSettings.read(params, KeepaliveSettings.DEFAULT_INTERVALS_S, DEFAULT_DURATION_S);
        return new Prepared() {
            @Override
            public long workUnits() {
                return s.cellCount();
            }

            @Override
            public void run(RunContext context) throws IOException {
                List<KeepaliveTrial.Result> rs = KeepaliveOutput.sweep(s, context.seed(), context.progress());
                context.outputs().report().lead("The first chart shows how often a rendezvous could reach a device "
                        + "behind a " + s.nat().id() + " NAT at the address of its latest keepalive, as the keepalive "
                        + "interval grows, one line per NAT mapping timeout; the second how often the device's public "
                        + "address changed because its mapping had expired.");
                KeepaliveOutput.write(s, rs, context.outputs());
            }
        };
    }
}
