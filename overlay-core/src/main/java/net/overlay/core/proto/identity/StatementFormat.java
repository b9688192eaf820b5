package net.overlay.core.proto.identity;

import net.overlay.core.proto.crypto.Ed25519;
import net.overlay.core.proto.wire.Bytes;

/**
 * The frame every signed statement shares (see docs/crypto.md):
 * <pre>
 *  0      u8   version (1)
 *  1      u8   kind (1 device certificate, 2 connection ticket, 3 grant)
 *  2..    the kind's fields
 *  end-64 64   Ed25519 signature over: context string, 0x00, bytes [0, end-64)
 * </pre>
 */
final class StatementFormat {
    /** The only version this code writes and accepts. */
    static final int VERSION = 1;
    /** Version, kind and signature. */
    static final int MIN_BYTES = 2 + Ed25519.SIGNATURE_BYTES;
    /**
     * Our limit, far above the largest valid statement (a grant of {@link #MAX_SERVICES} names of
     * 63 characters is about 2.3 KiB): anything longer is refused before it is parsed.
     */
    static final int MAX_BYTES = 4096;
    /** Most services one grant may list (our choice). */
    static final int MAX_SERVICES = 32;
    /** Bytes of the random nonce in tickets and grants: enough that two never collide by chance. */
    static final int NONCE_BYTES = 16;

    private StatementFormat() {}

    /** The time-window verdict: valid from {@code notBeforeMs} inclusive to {@code notAfterMs} exclusive. */
    static Verdict validity(long nowMs, long notBeforeMs, long notAfterMs) {
        if (nowMs < notBeforeMs) {
            return Verdict.NOT_YET_VALID;
        }
        return nowMs >= notAfterMs ? Verdict.EXPIRED : Verdict.OK;
    }

    /** Checks that a validity window is sane; statements with a negative or empty one are refused. */
    static void requireWindow(long notBeforeMs, long notAfterMs) {
        if (notBeforeMs < 0 || notAfterMs <= notBeforeMs) {
            throw new IllegalArgumentException("validity window [" + notBeforeMs + ", " + notAfterMs
                    + ") ms must be non-negative and non-empty");
        }
    }

    /** Checks a fixed-length byte field. */
    static Bytes requireLength(String what, Bytes b, int lenBytes) {
        java.util.Objects.requireNonNull(b, what);
        if (b.length() != lenBytes) {
            throw new IllegalArgumentException(what + " must be " + lenBytes + " bytes, got " + b.length());
        }
        return b;
    }
}
