package net.overlay.lab.video;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.overlay.core.netsim.TransportTracePair;
import net.overlay.core.proto.media.MediaConfig;
import net.overlay.core.proto.media.MediaEvent;
import net.overlay.core.proto.media.MediaReceiver;
import net.overlay.core.proto.transport.Transport;
import net.overlay.core.proto.transport.TransportEvent;

/**
 * The viewer end of a {@code video-qos} run: reassembles frames from the media channel into the
 * {@link FrameLog}, opens the control stream and sends a command every {@code commandIntervalMs},
 * timing each answer. Runs on the driver's thread.
 */
final class VideoViewer implements TransportTracePair.Endpoint {
    /** One command and its round trip ({@code rttNs} -1 while unanswered). */
    record Command(long seq, long sentNs, long rttNs) {}

    private final MediaReceiver receiver;
    private final FrameLog frames;
    private final long commandIntervalNs;
    private final long endNs;
    private final List<long[]> commands = new ArrayList<>();
    private final byte[] command = new byte[VideoCamera.COMMAND_BYTES];
    private final MessageReader answers = new MessageReader(VideoCamera.ANSWER_BYTES);
    private long stream = -1;
    private long nextCommandNs;

    VideoViewer(VideoSettings s, MediaConfig mediaConfig, FrameLog frames) {
        this.receiver = new MediaReceiver(mediaConfig);
        this.frames = frames;
        this.commandIntervalNs = s.commandIntervalMs() * 1_000_000L;
        this.endNs = s.durationS() * 1_000_000_000L;
    }

    @Override
    public void onTick(Transport t, long nowNs) {
        if (receiver.pollTimeoutNs() <= nowNs) {
            receiver.handleTimeout(nowNs);
            drainMedia();
        }
        if (stream < 0) {
            stream = t.openStream();
        }
        while (nextCommandNs <= nowNs && nextCommandNs < endNs) {
            ByteBuffer.wrap(command).putLong(0, commands.size()).putLong(8, nowNs);
            // The stream's send buffer (1 MiB) never fills with 32-byte commands every 500 ms.
            t.write(stream, command, 0, command.length);
            commands.add(new long[] {nowNs, -1});
            nextCommandNs += commandIntervalNs;
        }
    }

    @Override
    public void onEvent(Transport t, TransportEvent e, long nowNs) {
        switch (e) {
            case TransportEvent.DatagramReceived(var data) -> {
                byte[] d = data.toArray();
                receiver.handleDatagram(nowNs, d, 0, d.length);
                drainMedia();
            }
            case TransportEvent.StreamReadable(long id) -> answers.readAll(t, id, answer -> {
                long seq = ByteBuffer.wrap(answer).getLong(0);
                if (seq >= 0 && seq < commands.size()) {
                    long[] c = commands.get((int) seq);
                    c[1] = nowNs - c[0];
                }
            });
            default -> { }
        }
    }

    private void drainMedia() {
        for (MediaEvent m; (m = receiver.pollEvent()) != null; ) {
            if (m instanceof MediaEvent.FrameReceived r) {
                frames.delivered(r.frameId(), r.delayNs());
            }
        }
    }

    @Override
    public long nextWakeNs() {
        long command = nextCommandNs < endNs ? nextCommandNs : Long.MAX_VALUE;
        return Math.min(receiver.pollTimeoutNs(), command);
    }

    List<Command> commands() {
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            out.add(new Command(i, commands.get(i)[0], commands.get(i)[1]));
        }
        return out;
    }

    MediaReceiver receiver() {
        return receiver;
    }
}
