package net.overlay.lab.video;

import java.io.IOException;
import java.util.List;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.CongestionControls;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.Scenario;
import net.overlay.lab.scenario.ScenarioException;

/**
 * Kind {@code video-qos}: a camera's video on the media channel beside its control stream in one
 * transport, over cellular traces, at fixed bitrates and with the adaptive bitrate. Parameters:
 * {@link VideoSettings#read}; {@code --cc} replaces the transport's congestion controller. Found by
 * the scenario catalogue.
 */
public final class VideoQosScenario implements Scenario {
    public static final String KIND = "video-qos";

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
        VideoSettings s = VideoSettings.read(params, available.stream().map(CongestionControlFactory::name).toList());
        return new Prepared() {
            @Override
            public long workUnits() {
                return s.workUnits();
            }

            @Override
            public void run(RunContext context) throws IOException {
                CongestionControlFactory cc;
                try {
                    cc = CongestionControls.find(context.congestionControl().orElse(s.controller()), loader());
                } catch (IllegalArgumentException e) {
                    throw new ScenarioException("--cc: " + e.getMessage(), e);
                }
                VideoSettings used = cc.name().equals(s.controller()) ? s : new VideoSettings(s.traces(),
                        s.fixedKbps(), s.adaptive(), cc.name(), s.durationS(), s.oneWayDelayMs(), s.fps(),
                        s.keyframeIntervalS(), s.keyframeRatio(), s.commandIntervalMs(), s.staleFrameMs(),
                        s.targetQueueDelayMs(), s.startKbps(), s.minKbps(), s.maxKbps(), s.onTimeMs());
                List<VideoRun.Cell> cells = VideoRun.run(used, cc, context.seed(), context.progress());
                context.outputs().report().lead("A camera's video and its control channel share one session over "
                        + "cellular traces: per trace, frame delay over time, the encoder's bitrate against the "
                        + "link's capacity, and the distribution of frame delay, for fixed bitrates and for the "
                        + "bitrate adapted to the send buffer's fill.");
                VideoOutput.write(used, cells, context.outputs());
            }
        };
    }
}
