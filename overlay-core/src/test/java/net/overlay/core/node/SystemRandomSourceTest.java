package net.overlay.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class SystemRandomSourceTest {

    @Test
    void usesTheNonBlockingKernelSourceOnLinux() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "NativePRNGNonBlocking is checked on Linux only");
        assertThat(new SystemRandomSource().algorithm()).isEqualTo("NativePRNGNonBlocking");
    }

    @Test
    void twoSourcesDrawDifferentKeysAndGeneratorStreams() {
        SystemRandomSource a = new SystemRandomSource();
        SystemRandomSource b = new SystemRandomSource();
        byte[] ka = new byte[32];
        byte[] kb = new byte[32];
        a.nextKeyBytes(ka);
        b.nextKeyBytes(kb);
        // A collision of 256 random bits, or of two 64-bit seeds, means the source is broken.
        assertThat(ka).isNotEqualTo(kb).isNotEqualTo(new byte[32]);
        assertThat(a.generator().nextLong()).isNotEqualTo(b.generator().nextLong());
    }
}
