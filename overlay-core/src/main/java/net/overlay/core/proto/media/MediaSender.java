package net.overlay.core.proto.media;

import java.util.ArrayDeque;
import java.util.Objects;
import net.overlay.core.proto.transport.Transport;

/**
 * The sending half of the media channel: splits each frame into fragments ({@link MediaFragment})
 * and hands them to a {@link Transport} as datagrams (RFC 9221: unreliable, congestion-controlled).
 *
 * <p>It keeps only {@link MediaConfig#transportQueueDatagrams()} fragments queued in the
 * transport and the rest in its own queue, for two reasons: a whole frame can still be dropped
 * there when it has waited too long ({@link MediaConfig#staleFrameNs()}; a fragment alone would be
 * useless to the receiver), and the fill of both queues together ({@link #fill}) is what the
 * application adapts its bitrate to. It owns the transport's datagram channel: nothing else may
 * call {@link Transport#sendDatagram} on it, or the accounting of what left is wrong.
 *
 * <p>Sans-IO: the host calls {@link #submitFrame} when the encoder has a frame and {@link #pump}
 * after each of the transport's inputs and before draining its packets; time is an argument.
 * Single-threaded, like the transport it feeds.
 */
public final class MediaSender {
    /** A frame the sender still holds fragments of. */
    private static final class Pending {
        final long frameId;
        final long captureNs;
        final boolean keyframe;
        final byte[] data;
        final int fragmentCount;
        int nextFragment;

        Pending(long frameId, long captureNs, boolean keyframe, byte[] data, int fragmentCount) {
            this.frameId = frameId;
            this.captureNs = captureNs;
            this.keyframe = keyframe;
            this.data = data;
            this.fragmentCount = fragmentCount;
        }
    }

    /** A fragment handed to the transport and maybe still queued there. */
    private record Pushed(long frameId, long captureNs, int datagramBytes) {}

    /** A frame the sender gave up on before any of it left: too old, or refused by the transport. */
    public record DroppedFrame(long frameId, long captureNs, int sizeBytes, boolean keyframe) {}

    private final Transport transport;
    private final MediaConfig config;
    private final ArrayDeque<Pending> frames = new ArrayDeque<>();
    private final ArrayDeque<Pushed> pushed = new ArrayDeque<>();
    private final ArrayDeque<DroppedFrame> dropped = new ArrayDeque<>();
    private final byte[] scratch;
    private long nextFrameId;
    private long ownQueuedBytes;
    private long pushedQueuedBytes;
    private long drainedBytes;
    private long framesDropped;
    private long fragmentsRefused;

    public MediaSender(Transport transport, MediaConfig config) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.config = Objects.requireNonNull(config, "config");
        this.scratch = new byte[config.fragmentBytes()];
    }

    /**
     * Queues one encoded frame and pushes what the transport has room for.
     *
     * @param captureNs when the frame was captured (on the clock {@code nowNs} comes from)
     * @return the frame's id (0, 1, 2, ... in submission order)
     * @throws IllegalArgumentException for an empty frame or one above {@link MediaConfig#maxFrameBytes()}
     */
    public long submitFrame(long nowNs, long captureNs, boolean keyframe, byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0 || len > config.maxFrameBytes()) {
            throw new IllegalArgumentException("frame of " + len + " bytes; allowed 1.." + config.maxFrameBytes());
        }
        int per = config.payloadBytesPerFragment();
        int count = (len + per - 1) / per;
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        long id = nextFrameId++;
        frames.addLast(new Pending(id, captureNs, keyframe, copy, count));
        ownQueuedBytes += len + (long) count * MediaFragment.HEADER_BYTES;
        pump(nowNs);
        return id;
    }

    /**
     * Accounts for the fragments the transport has written into packets since the last call,
     * drops whole frames that became stale before any of their fragments left, and tops up the
     * transport's datagram queue.
     */
    public void pump(long nowNs) {
        settle();
        dropStale(nowNs);
        while (!frames.isEmpty() && transport.queuedDatagrams() < config.transportQueueDatagrams()) {
            Pending f = frames.peekFirst();
            int per = config.payloadBytesPerFragment();
            int from = f.nextFragment * per;
            int n = Math.min(per, f.data.length - from);
            int end = MediaFragment.encodeHeader(scratch, 0, f.frameId, f.nextFragment, f.fragmentCount, f.keyframe,
                    f.captureNs);
            System.arraycopy(f.data, from, scratch, end, n);
            int datagramBytes = end + n;
            if (!transport.sendDatagram(scratch, 0, datagramBytes)) {
                // Too large for the transport's packets (a configuration error) or its queue is
                // full of someone else's datagrams: the frame cannot arrive whole, so drop the rest.
                fragmentsRefused++;
                frames.pollFirst();
                ownQueuedBytes -= remainingBytes(f);
                if (f.nextFragment == 0) {
                    drop(f);
                }
                continue;
            }
            pushed.addLast(new Pushed(f.frameId, f.captureNs, datagramBytes));
            pushedQueuedBytes += datagramBytes;
            ownQueuedBytes -= datagramBytes;
            if (++f.nextFragment == f.fragmentCount) {
                frames.pollFirst();
            }
        }
    }

    /** The transport's queue is FIFO: fragments beyond its current length have been written. */
    private void settle() {
        while (pushed.size() > transport.queuedDatagrams()) {
            Pushed p = pushed.pollFirst();
            pushedQueuedBytes -= p.datagramBytes();
            drainedBytes += p.datagramBytes();
        }
    }

    private void dropStale(long nowNs) {
        // Only frames that have not started: once a fragment left, the rest follows. Frames are
        // in capture order, so the scan stops at the first young one.
        for (var it = frames.iterator(); it.hasNext(); ) {
            Pending f = it.next();
            if (f.nextFragment > 0) {
                continue;
            }
            if (nowNs - f.captureNs <= config.staleFrameNs()) {
                break;
            }
            it.remove();
            ownQueuedBytes -= remainingBytes(f);
            drop(f);
        }
    }

    private long remainingBytes(Pending f) {
        int per = config.payloadBytesPerFragment();
        long left = f.data.length - (long) f.nextFragment * per;
        return left + (long) (f.fragmentCount - f.nextFragment) * MediaFragment.HEADER_BYTES;
    }

    private void drop(Pending f) {
        framesDropped++;
        dropped.addLast(new DroppedFrame(f.frameId, f.captureNs, f.data.length, f.keyframe));
    }

    /** The send buffer's fill now: what a {@link BitrateController} reads. */
    public SendBufferFill fill(long nowNs) {
        settle();
        // Both queues hold frames in id order; a partly pushed frame is in both.
        int queuedFrames = frames.size();
        long lastId = -1;
        for (Pushed p : pushed) {
            if (p.frameId() != lastId) {
                queuedFrames++;
                lastId = p.frameId();
            }
        }
        if (lastId >= 0 && !frames.isEmpty() && frames.peekFirst().frameId == lastId) {
            queuedFrames--;
        }
        long oldestCaptureNs = !pushed.isEmpty() ? pushed.peekFirst().captureNs()
                : frames.isEmpty() ? Long.MAX_VALUE : frames.peekFirst().captureNs;
        long ageNs = oldestCaptureNs == Long.MAX_VALUE ? 0 : Math.max(0, nowNs - oldestCaptureNs);
        return new SendBufferFill(ownQueuedBytes + pushedQueuedBytes, queuedFrames, ageNs, drainedBytes);
    }

    /** The next frame given up on (stale, or refused by the transport), or null. */
    public DroppedFrame pollDropped() {
        return dropped.pollFirst();
    }

    public long framesSubmitted() {
        return nextFrameId;
    }

    public long framesDropped() {
        return framesDropped;
    }

    /** Fragments {@link Transport#sendDatagram} refused. */
    public long fragmentsRefused() {
        return fragmentsRefused;
    }
}
