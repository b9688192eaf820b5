package net.overlay.lab.video;

import java.util.function.Consumer;
import net.overlay.core.proto.transport.Transport;

/**
 * Reads fixed-size messages from a stream: everything readable (streams signal again only once
 * drained), handing over each whole message and keeping a partial one for the next read. Used by
 * the control channel's two ends; single-threaded.
 */
final class MessageReader {
    private final byte[] message;
    private final byte[] chunk = new byte[4096];
    private int filled;

    MessageReader(int messageBytes) {
        this.message = new byte[messageBytes];
    }

    /** Drains the stream; {@code onMessage} gets a buffer it must not keep. */
    void readAll(Transport t, long streamId, Consumer<byte[]> onMessage) {
        int n;
        while ((n = t.read(streamId, chunk, 0, chunk.length)) > 0) {
            for (int i = 0; i < n; ) {
                int take = Math.min(message.length - filled, n - i);
                System.arraycopy(chunk, i, message, filled, take);
                filled += take;
                i += take;
                if (filled == message.length) {
                    filled = 0;
                    onMessage.accept(message);
                }
            }
        }
    }
}
