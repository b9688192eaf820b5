package net.overlay.lab.video;

import java.util.Arrays;

/**
 * What happened to each frame of one (trace, arm) run, indexed by frame id: capture, size, the
 * bitrate it was encoded at, and its fate. Written by the camera and the viewer of one run (one
 * thread), read by the output writer. Primitive arrays: a minute of video is 1500 frames.
 */
final class FrameLog {
    static final byte PENDING = 0;
    static final byte DELIVERED = 1;
    static final byte LOST = 2;
    static final byte DROPPED = 3;

    private long[] captureNs = new long[256];
    private int[] sizeBytes = new int[256];
    private long[] bitrateBps = new long[256];
    private boolean[] keyframe = new boolean[256];
    private byte[] status = new byte[256];
    private long[] delayNs = new long[256];
    private int count;

    void captured(long frameId, long atNs, int size, long bps, boolean key) {
        int i = (int) frameId;
        if (i != count) {
            throw new IllegalStateException("frames must be logged in order: " + frameId + " after " + count);
        }
        if (count == captureNs.length) {
            int n = count * 2;
            captureNs = Arrays.copyOf(captureNs, n);
            sizeBytes = Arrays.copyOf(sizeBytes, n);
            bitrateBps = Arrays.copyOf(bitrateBps, n);
            keyframe = Arrays.copyOf(keyframe, n);
            status = Arrays.copyOf(status, n);
            delayNs = Arrays.copyOf(delayNs, n);
        }
        captureNs[i] = atNs;
        sizeBytes[i] = size;
        bitrateBps[i] = bps;
        keyframe[i] = key;
        count++;
    }

    void delivered(long frameId, long delay) {
        if (frameId >= 0 && frameId < count && status[(int) frameId] == PENDING) {
            status[(int) frameId] = DELIVERED;
            delayNs[(int) frameId] = delay;
        }
    }

    void dropped(long frameId) {
        if (frameId >= 0 && frameId < count && status[(int) frameId] == PENDING) {
            status[(int) frameId] = DROPPED;
        }
    }

    /** Frames that neither arrived nor were dropped by the sender are lost, whatever the receiver said. */
    void finish() {
        for (int i = 0; i < count; i++) {
            if (status[i] == PENDING) {
                status[i] = LOST;
            }
        }
    }

    int count() {
        return count;
    }

    long captureNs(int i) {
        return captureNs[i];
    }

    int sizeBytes(int i) {
        return sizeBytes[i];
    }

    long bitrateBps(int i) {
        return bitrateBps[i];
    }

    boolean keyframe(int i) {
        return keyframe[i];
    }

    byte status(int i) {
        return status[i];
    }

    long delayNs(int i) {
        return delayNs[i];
    }

    static String statusName(byte s) {
        return switch (s) {
            case DELIVERED -> "delivered";
            case LOST -> "lost";
            case DROPPED -> "dropped";
            default -> "pending";
        };
    }
}
