package net.overlay.core.proto.media;

import java.util.ArrayDeque;
import java.util.Objects;
import net.overlay.core.proto.wire.Bytes;

/**
 * The receiving half of the media channel: reassembles frames from the fragments that arrive as
 * datagrams ({@code TransportEvent.DatagramReceived}) and reports each frame once, whole with its
 * delay ({@link MediaEvent.FrameReceived}, as soon as its last fragment is in, even ahead of an
 * older incomplete frame) or lost ({@link MediaEvent.FrameLost}, at its deadline).
 *
 * <p>It tracks a window of {@link MediaConfig#windowFrames()} frame ids from the oldest unfinished
 * one. A frame's deadline is {@link MediaConfig#reassemblyTimeoutNs()} after its first fragment,
 * or, for a frame none of which came, after a later frame's fragment showed the gap. Bad input is
 * counted, never thrown: fragments that do not parse ({@link #fragmentsMalformed()}), disagree
 * with earlier fragments of their frame ({@link #fragmentsInconsistent()}), repeat one
 * ({@link #fragmentsDuplicate()}), come for a frame already finished or behind the window
 * ({@link #fragmentsLate()}), or would take the buffered bytes past
 * {@link MediaConfig#maxBufferedBytes()} ({@link #fragmentsOverBudget()}). Memory is bounded by
 * the window and that budget, whatever arrives.
 *
 * <p>Sans-IO: inputs {@link #handleDatagram} and {@link #handleTimeout}, outputs {@link
 * #pollEvent} and {@link #pollTimeoutNs}. Single-threaded.
 */
public final class MediaReceiver {
    private final MediaConfig config;
    private final FrameSlot[] slots;
    private final ArrayDeque<MediaEvent> events = new ArrayDeque<>();
    /** The oldest frame id not yet finished; -1 before the first fragment. */
    private long baseId = -1;
    private long highestId = -1;
    private long bufferedBytes;
    private long fragmentsReceived;
    private long fragmentsMalformed;
    private long fragmentsInconsistent;
    private long fragmentsDuplicate;
    private long fragmentsLate;
    private long fragmentsOverBudget;
    private long framesReceived;
    private long framesLost;

    public MediaReceiver(MediaConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.slots = new FrameSlot[config.windowFrames()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new FrameSlot();
        }
    }

    /** One datagram's payload: a fragment, or garbage that is counted and dropped. */
    public void handleDatagram(long nowNs, byte[] buf, int off, int len) {
        MediaFragment f;
        try {
            f = MediaFragment.decode(buf, off, len);
        } catch (MediaFormatException e) {
            fragmentsMalformed++;
            return;
        }
        if (f.fragmentCount() > config.maxFragmentsPerFrame()) {
            fragmentsMalformed++;
            return;
        }
        long id = extend(f.frameId32());
        if (baseId < 0) {
            baseId = id;
            highestId = id - 1;
        }
        if (id < baseId) {
            fragmentsLate++;
            return;
        }
        if (id >= baseId + slots.length) {
            slideTo(id - slots.length + 1, nowNs);
        }
        if (id > highestId) {
            // The frames between the highest seen and this one are missing so far: start their clocks.
            for (long m = Math.max(highestId + 1, baseId); m < id; m++) {
                slot(m).open(m, nowNs + config.reassemblyTimeoutNs());
            }
            highestId = id;
        }
        FrameSlot s = slot(id);
        if (s.frameId != id) {
            s.open(id, nowNs + config.reassemblyTimeoutNs());
        }
        accept(s, f, buf, nowNs);
        advanceBase();
    }

    private void accept(FrameSlot s, MediaFragment f, byte[] buf, long nowNs) {
        switch (s.offer(f, nowNs, config.reassemblyTimeoutNs())) {
            case LATE -> fragmentsLate++;
            case INCONSISTENT -> fragmentsInconsistent++;
            case DUPLICATE -> fragmentsDuplicate++;
            case OK -> {
                if (bufferedBytes + f.payloadBytes() > config.maxBufferedBytes()) {
                    fragmentsOverBudget++;
                    return;
                }
                fragmentsReceived++;
                bufferedBytes += f.payloadBytes();
                s.store(f, buf);
                if (s.isComplete()) {
                    bufferedBytes -= s.bytes;
                    byte[] data = s.assemble();
                    framesReceived++;
                    events.add(new MediaEvent.FrameReceived(s.frameId, s.captureNs, nowNs, s.keyframe,
                            Bytes.wrapOwned(data)));
                }
            }
        }
    }

    /** Runs the deadlines that are due: frames still incomplete are lost. */
    public void handleTimeout(long nowNs) {
        if (baseId < 0) {
            return;
        }
        for (long id = baseId; id <= highestId; id++) {
            FrameSlot s = slot(id);
            if (s.frameId == id && s.isPending() && s.deadlineNs <= nowNs) {
                lose(s);
            }
        }
        advanceBase();
    }

    /** The earliest frame deadline, or {@code Long.MAX_VALUE}. */
    public long pollTimeoutNs() {
        long t = Long.MAX_VALUE;
        if (baseId >= 0) {
            for (long id = baseId; id <= highestId; id++) {
                FrameSlot s = slot(id);
                if (s.frameId == id && s.isPending()) {
                    t = Math.min(t, s.deadlineNs);
                }
            }
        }
        return t;
    }

    /** The next event, or null. */
    public MediaEvent pollEvent() {
        return events.pollFirst();
    }

    /** The frame id nearest the highest seen whose low 32 bits are {@code id32} (RFC 3550 A.1's idea). */
    private long extend(long id32) {
        if (highestId < 0) {
            return id32;
        }
        long candidate = (highestId & ~0xFFFF_FFFFL) | id32;
        if (candidate - highestId > 0x8000_0000L) {
            candidate -= 1L << 32;
        } else if (highestId - candidate > 0x8000_0000L) {
            candidate += 1L << 32;
        }
        return Math.max(candidate, 0);
    }

    /** Moves the window to start at {@code newBase}: every unfinished frame it leaves is lost. */
    private void slideTo(long newBase, long nowNs) {
        long leaveEnd = Math.min(newBase, baseId + slots.length);
        for (long id = baseId; id < leaveEnd; id++) {
            FrameSlot s = slot(id);
            if (id <= highestId && (s.frameId != id || s.isPending())) {
                if (s.frameId != id) {
                    s.open(id, nowNs);
                }
                lose(s);
            }
        }
        long never = newBase - (highestId + 1);
        if (never > 0) {
            framesLost += never;
            events.add(new MediaEvent.FramesSkipped(highestId + 1, never));
        }
        baseId = newBase;
        highestId = Math.max(highestId, newBase - 1);
    }

    private void lose(FrameSlot s) {
        bufferedBytes -= s.bytes;
        framesLost++;
        events.add(new MediaEvent.FrameLost(s.frameId, s.received, s.fragmentCount));
        s.finish();
    }

    private void advanceBase() {
        while (baseId <= highestId && slot(baseId).frameId == baseId && !slot(baseId).isPending()) {
            baseId++;
        }
    }

    private FrameSlot slot(long id) {
        return slots[(int) Math.floorMod(id, (long) slots.length)];
    }

    public long fragmentsReceived() {
        return fragmentsReceived;
    }

    public long fragmentsMalformed() {
        return fragmentsMalformed;
    }

    public long fragmentsInconsistent() {
        return fragmentsInconsistent;
    }

    public long fragmentsDuplicate() {
        return fragmentsDuplicate;
    }

    public long fragmentsLate() {
        return fragmentsLate;
    }

    public long fragmentsOverBudget() {
        return fragmentsOverBudget;
    }

    public long framesReceived() {
        return framesReceived;
    }

    public long framesLost() {
        return framesLost;
    }

    /** Payload bytes held for incomplete frames. */
    public long bufferedBytes() {
        return bufferedBytes;
    }
}
