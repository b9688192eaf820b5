package net.overlay.core.proto.media;

/**
 * One frame being reassembled by a {@link MediaReceiver}: which fragments arrived, their bytes,
 * and the frame's deadline. Reused for frame after frame (a ring slot). Not thread-safe.
 */
final class FrameSlot {
    enum Offer { OK, DUPLICATE, INCONSISTENT, LATE }

    /** The frame this slot holds now; -1 when it has held none. */
    long frameId = -1;
    long deadlineNs;
    long captureNs;
    boolean keyframe;
    /** 0 until the first fragment told the count. */
    int fragmentCount;
    int received;
    long bytes;
    private boolean finished;
    private byte[][] parts;

    /** Starts tracking {@code id}, of which nothing arrived yet. */
    void open(long id, long deadlineNs) {
        frameId = id;
        this.deadlineNs = deadlineNs;
        fragmentCount = 0;
        received = 0;
        bytes = 0;
        finished = false;
        parts = null;
    }

    boolean isPending() {
        return !finished;
    }

    boolean isComplete() {
        return fragmentCount > 0 && received == fragmentCount;
    }

    /** Whether {@code f} may be stored; the first fragment fixes the count, flags and capture time. */
    Offer offer(MediaFragment f, long nowNs, long timeoutNs) {
        if (finished) {
            return Offer.LATE;
        }
        if (fragmentCount == 0) {
            fragmentCount = f.fragmentCount();
            keyframe = f.keyframe();
            captureNs = f.captureNs();
            // The deadline of a frame seen missing stays; a fresh one starts at its first fragment.
            deadlineNs = Math.min(deadlineNs, nowNs + timeoutNs);
            parts = new byte[fragmentCount][];
            return Offer.OK;
        }
        if (f.fragmentCount() != fragmentCount || f.keyframe() != keyframe || f.captureNs() != captureNs) {
            return Offer.INCONSISTENT;
        }
        return parts[f.fragmentIndex()] != null ? Offer.DUPLICATE : Offer.OK;
    }

    void store(MediaFragment f, byte[] buf) {
        byte[] p = new byte[f.payloadBytes()];
        System.arraycopy(buf, f.payloadOffset(), p, 0, p.length);
        parts[f.fragmentIndex()] = p;
        received++;
        bytes += p.length;
    }

    /** The frame's bytes in fragment order; the slot is finished and its parts released. */
    byte[] assemble() {
        byte[] out = new byte[(int) bytes];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        finish();
        return out;
    }

    void finish() {
        finished = true;
        parts = null;
        bytes = 0;
    }
}
