package net.overlay.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatagramInboxTest {
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 9);

    @Test
    void onlyTheFirstDatagramAfterADrainAsksForASignal() {
        DatagramInbox inbox = new DatagramInbox(10);
        assertThat(inbox.offer(0, FROM, new byte[] {1})).isTrue();
        assertThat(inbox.offer(0, FROM, new byte[] {2})).isFalse();
        List<Byte> got = new ArrayList<>();
        assertThat(inbox.drain(d -> got.add(d.data()[0]), 100)).isFalse();
        assertThat(got).containsExactly((byte) 1, (byte) 2);
        assertThat(inbox.offer(0, FROM, new byte[] {3})).as("drained: the next one signals again").isTrue();
    }

    @Test
    void aFullInboxDropsAndCountsInsteadOfGrowing() {
        DatagramInbox inbox = new DatagramInbox(3);
        for (int i = 0; i < 5; i++) {
            inbox.offer(0, FROM, new byte[] {(byte) i});
        }
        assertThat(inbox.drops()).isEqualTo(2);
        List<Byte> got = new ArrayList<>();
        inbox.drain(d -> got.add(d.data()[0]), 100);
        assertThat(got).containsExactly((byte) 0, (byte) 1, (byte) 2);
        assertThat(inbox.offer(0, FROM, new byte[] {9})).isTrue();
        assertThat(inbox.drops()).isEqualTo(2);
    }

    @Test
    void aBoundedDrainLeavesTheRestAndAsksToBeSignalledAgain() {
        DatagramInbox inbox = new DatagramInbox(10);
        for (int i = 0; i < 5; i++) {
            inbox.offer(0, FROM, new byte[] {(byte) i});
        }
        List<Byte> got = new ArrayList<>();
        assertThat(inbox.drain(d -> got.add(d.data()[0]), 2)).isTrue();
        assertThat(inbox.offer(0, FROM, new byte[] {5})).as("still signalled: the actor comes back").isFalse();
        assertThat(inbox.drain(d -> got.add(d.data()[0]), 100)).isFalse();
        assertThat(got).containsExactly((byte) 0, (byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5);
    }
}
