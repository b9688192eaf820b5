package net.overlay.core.node;

import java.nio.charset.StandardCharsets;
import net.overlay.core.proto.session.DatagramChannel;
import net.overlay.core.proto.session.SessionPayload;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A test {@link SessionPayload} that carries datagrams as {@link DatagramChannel} does and tells
 * {@code arrivals} the text of each one that arrives, so a test thread can wait on a probe instead
 * of reading the channel from outside its driver's actor. Runs on the driver's actor.
 */
final class ReportingChannel implements SessionPayload {
    private final DatagramChannel channel = new DatagramChannel();
    private final ActorRef<String> arrivals;

    ReportingChannel(ActorRef<String> arrivals) {
        this.arrivals = arrivals;
    }

    void send(String text) {
        channel.send(text);
    }

    @Override
    public int writePacket(long nowNs, long packetNumber, byte[] buf, int off, int maxLen) {
        return channel.writePacket(nowNs, packetNumber, buf, off, maxLen);
    }

    @Override
    public void onPacket(long nowNs, long packetNumber, byte[] buf, int off, int len) {
        int before = channel.received().size();
        channel.onPacket(nowNs, packetNumber, buf, off, len);
        for (int i = before; i < channel.received().size(); i++) {
            arrivals.tell(new String(channel.received().get(i).data().toArray(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void onPacketSentWithoutPayload(long nowNs, long packetNumber, int sizeBytes) {
        channel.onPacketSentWithoutPayload(nowNs, packetNumber, sizeBytes);
    }

    @Override
    public void onPathChange(long nowNs, boolean newPath) {
        channel.onPathChange(nowNs, newPath);
    }

    @Override
    public long pollTimeoutNs() {
        return channel.pollTimeoutNs();
    }

    @Override
    public void handleTimeout(long nowNs) {
        channel.handleTimeout(nowNs);
    }
}
