package net.overlay.core.proto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteRingTest {

    @Test
    void bytesSurviveWrappingAndGrowingAtAnyOffset() {
        ByteRing ring = new ByteRing(64 * 1024);
        SplittableRandom random = new SplittableRandom(3);
        byte[] stream = new byte[1 << 20];
        random.nextBytes(stream);
        long written = 0;
        long read = 0;
        byte[] out = new byte[10_000];
        while (read < stream.length) {
            int n = (int) Math.min(Math.min(random.nextInt(1, 9000), stream.length - written),
                    64 * 1024 - (written - read));
            ring.put(written, stream, (int) written, n);
            written += n;
            int m = (int) Math.min(random.nextInt(1, out.length), written - read);
            ring.get(read, out, 0, m);
            for (int i = 0; i < m; i++) {
                assertThat(out[i]).isEqualTo(stream[(int) read + i]);
            }
            read += m;
            ring.advance(read);
        }
    }
}
