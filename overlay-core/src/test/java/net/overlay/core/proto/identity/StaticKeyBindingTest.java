package net.overlay.core.proto.identity;

import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

class StaticKeyBindingTest {
    private final RandomSource random = RandomSource.seeded(4);
    private final Identity alice = Identity.generate(random);
    private final Identity mallory = Identity.generate(random);

    @Test
    void bindsAnIdentitysOwnStaticKey() {
        assertThat(StaticKeyBinding.verify(alice.peerId(), alice.staticPublicKey(), StaticKeyBinding.sign(alice))).isTrue();
    }

    @Test
    void refusesAnotherKeyAnotherSignerOrGarbage() {
        Bytes sig = StaticKeyBinding.sign(alice);
        assertThat(StaticKeyBinding.verify(alice.peerId(), mallory.staticPublicKey(), sig)).isFalse();
        assertThat(StaticKeyBinding.verify(mallory.peerId(), alice.staticPublicKey(), sig)).isFalse();
        assertThat(StaticKeyBinding.verify(alice.peerId(), alice.staticPublicKey(), Bytes.fromHex("00"))).isFalse();
        assertThat(StaticKeyBinding.verify(alice.peerId(), Bytes.EMPTY, sig)).isFalse();
    }
}
