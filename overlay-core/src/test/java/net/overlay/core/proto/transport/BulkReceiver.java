package net.overlay.core.proto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A test application that reads every stream the peer opens (at most {@code readBytesPerWake}
 * every {@code readIntervalNs}, so that flow control gets tested with a slow reader), keeps a
 * SHA-256 per stream, notes each FIN, checks that buffered bytes never exceed the windows, and
 * checks and counts datagrams.
 */
final class BulkReceiver implements TransportPair.App {
    private final TransportConfig config;
    private final long readIntervalNs;
    private final int readBytesPerWake;
    private final byte[] buf = new byte[64 * 1024];
    final Map<Long, MessageDigest> digests = new HashMap<>();
    final Map<Long, Long> received = new HashMap<>();
    final Map<Long, byte[]> finished = new HashMap<>();
    final Set<Integer> datagrams = new HashSet<>();
    int duplicateDatagrams;
    long maxBufferedBytes;
    private long nextReadNs;

    BulkReceiver(TransportConfig config, long readIntervalNs, int readBytesPerWake) {
        this.config = config;
        this.readIntervalNs = readIntervalNs;
        this.readBytesPerWake = readBytesPerWake;
    }

    @Override
    public void onEvent(Transport t, TransportEvent event, long nowNs) {
        switch (event) {
            case TransportEvent.StreamOpened e -> {
                digests.put(e.streamId(), BulkSender.sha256());
                received.put(e.streamId(), 0L);
            }
            case TransportEvent.DatagramReceived e -> {
                byte[] d = e.data().toArray();
                int n = (d[0] & 0xff) << 24 | (d[1] & 0xff) << 16 | (d[2] & 0xff) << 8 | (d[3] & 0xff);
                assertThat(d).as("datagram %d arrives intact", n).isEqualTo(BulkSender.datagram(n));
                if (!datagrams.add(n)) {
                    duplicateDatagrams++;
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void onTick(Transport t, long nowNs) {
        long total = 0;
        for (long id : digests.keySet()) {
            long buffered = t.receiveBufferedBytes(id);
            assertThat(buffered).as("stream %d buffered bytes", id).isLessThanOrEqualTo(config.streamWindowBytes());
            total += buffered;
        }
        maxBufferedBytes = Math.max(maxBufferedBytes, total);
        assertThat(total).as("connection buffered bytes").isLessThanOrEqualTo(config.connectionWindowBytes());
        if (nowNs < nextReadNs) {
            return;
        }
        nextReadNs = readIntervalNs > 0 ? nowNs + readIntervalNs : nowNs;
        int budget = readIntervalNs > 0 ? readBytesPerWake : Integer.MAX_VALUE;
        for (Map.Entry<Long, MessageDigest> e : digests.entrySet()) {
            long id = e.getKey();
            while (budget > 0 && !finished.containsKey(id)) {
                int n = t.read(id, buf, 0, Math.min(buf.length, budget));
                if (n < 0) {
                    finished.put(id, e.getValue().digest());
                } else if (n == 0) {
                    break;
                } else {
                    e.getValue().update(buf, 0, n);
                    received.merge(id, (long) n, Long::sum);
                    budget -= n;
                }
            }
        }
    }

    @Override
    public long nextWakeNs() {
        return readIntervalNs > 0 && finished.size() < digests.size() ? nextReadNs : Long.MAX_VALUE;
    }
}
