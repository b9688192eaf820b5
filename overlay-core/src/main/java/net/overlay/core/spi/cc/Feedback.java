package net.overlay.core.spi.cc;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A message from a receiver-side hook to its sender-side controller, carried in the session's
 * feedback frame. At most {@link #MAX_BODY_BYTES} bytes of body; the controller defines its layout.
 *
 * @param kind the algorithm's own message kind
 * @param body read-only contents
 */
public record Feedback(int kind, ByteBuffer body) {
    /** Largest body a feedback frame carries. */
    public static final int MAX_BODY_BYTES = 1024;

    public Feedback {
        Objects.requireNonNull(body, "body");
        if (kind < 0) {
            throw new IllegalArgumentException("kind must be >= 0");
        }
        if (body.remaining() > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("feedback body over " + MAX_BODY_BYTES + " bytes");
        }
        byte[] copy = new byte[body.remaining()];
        body.duplicate().get(copy);
        body = ByteBuffer.wrap(copy).asReadOnlyBuffer();
    }

    /** A copy of the body's bytes. */
    public byte[] bodyBytes() {
        byte[] b = new byte[body.remaining()];
        body.duplicate().get(b);
        return b;
    }
}
