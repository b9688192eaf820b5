package net.overlay.core.proto.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * A test application that sends {@code bytesPerStream} seeded pseudo-random bytes on each of
 * {@code streamCount} streams it opens, writing whenever the send buffer takes more, then FIN;
 * it keeps the SHA-256 of what each stream carried. Optionally sends a numbered datagram every
 * {@code datagramIntervalNs}.
 */
final class BulkSender implements TransportPair.App {
    private static final int CHUNK_BYTES = 16 * 1024;

    private final int streamCount;
    private final long bytesPerStream;
    private final long datagramIntervalNs;
    private final long[] ids;
    private final long[] written;
    private final byte[][] chunk;
    private final int[] chunkPos;
    private final int[] chunkLen;
    private final SplittableRandom[] data;
    private final MessageDigest[] digests;
    private final byte[][] results;
    private boolean opened;
    private long nextDatagramNs;
    int datagramsSent;

    BulkSender(int streamCount, long bytesPerStream, long seed, long datagramIntervalNs) {
        this.streamCount = streamCount;
        this.bytesPerStream = bytesPerStream;
        this.datagramIntervalNs = datagramIntervalNs;
        this.ids = new long[streamCount];
        this.written = new long[streamCount];
        this.chunk = new byte[streamCount][CHUNK_BYTES];
        this.chunkPos = new int[streamCount];
        this.chunkLen = new int[streamCount];
        this.data = new SplittableRandom[streamCount];
        this.digests = new MessageDigest[streamCount];
        this.results = new byte[streamCount][];
        for (int i = 0; i < streamCount; i++) {
            data[i] = new SplittableRandom(seed * 1000 + i);
            digests[i] = sha256();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void onEvent(Transport transport, TransportEvent event, long nowNs) {
        if (event instanceof TransportEvent.StreamWritable) {
            onTick(transport, nowNs);
        }
    }

    @Override
    public void onTick(Transport t, long nowNs) {
        if (!opened) {
            for (int i = 0; i < streamCount; i++) {
                ids[i] = t.openStream();
            }
            opened = true;
        }
        for (int i = 0; i < streamCount; i++) {
            writeSome(t, i);
        }
        if (datagramIntervalNs > 0 && nowNs >= nextDatagramNs && !allWritten()) {
            byte[] d = datagram(datagramsSent);
            t.sendDatagram(d, 0, d.length);
            datagramsSent++;
            nextDatagramNs = nowNs + datagramIntervalNs;
        }
    }

    private void writeSome(Transport t, int i) {
        while (results[i] == null) {
            if (chunkPos[i] == chunkLen[i]) {
                long left = bytesPerStream - written[i];
                if (left == 0) {
                    t.finish(ids[i]);
                    results[i] = digests[i].digest();
                    return;
                }
                chunkLen[i] = (int) Math.min(CHUNK_BYTES, left);
                chunkPos[i] = 0;
                data[i].nextBytes(chunk[i]);
            }
            int n = t.write(ids[i], chunk[i], chunkPos[i], chunkLen[i] - chunkPos[i]);
            if (n == 0) {
                return;
            }
            digests[i].update(chunk[i], chunkPos[i], n);
            chunkPos[i] += n;
            written[i] += n;
        }
    }

    /** Datagram {@code n}: 4 bytes of number, then 196 bytes derived from it. */
    static byte[] datagram(int n) {
        byte[] d = new byte[200];
        d[0] = (byte) (n >>> 24);
        d[1] = (byte) (n >>> 16);
        d[2] = (byte) (n >>> 8);
        d[3] = (byte) n;
        for (int i = 4; i < d.length; i++) {
            d[i] = (byte) (n * 31 + i);
        }
        return d;
    }

    @Override
    public long nextWakeNs() {
        return datagramIntervalNs > 0 && !allWritten() ? nextDatagramNs : Long.MAX_VALUE;
    }

    boolean allWritten() {
        for (byte[] r : results) {
            if (r == null) {
                return false;
            }
        }
        return true;
    }

    long streamId(int i) {
        return ids[i];
    }

    byte[] digest(int i) {
        return results[i];
    }
}
