package net.overlay.core.proto.relay;

import static net.overlay.core.proto.relay.RelayFixtures.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RelayConfigTest {

    @Test
    void defaultsAreTheDocumentedProductValues() {
        RelayConfig c = RelayConfig.defaults();
        assertThat(c.maxAllocations()).isEqualTo(10_000);
        assertThat(c.defaultLimits()).isEqualTo(new AllocationLimits(3600 * SECOND, 1L << 30, 10_000_000, 2_000_000));
    }

    @Test
    void limitsOutsideTheirRangesAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> new AllocationLimits(0, 1, 1, 65_507)).hasMessageContaining("lifetimeNs");
        assertThatThrownBy(() -> new AllocationLimits(31L * 24 * 3600 * SECOND, 1, 1, 65_507))
                .hasMessageContaining("lifetimeNs");
        assertThatThrownBy(() -> new AllocationLimits(SECOND, 0, 1, 65_507)).hasMessageContaining("byteBudget");
        assertThatThrownBy(() -> new AllocationLimits(SECOND, 1, 0, 65_507)).hasMessageContaining("rateBytesPerSecond");
        assertThatThrownBy(() -> new AllocationLimits(SECOND, 1, 1, 65_506))
                .hasMessageContaining("burstBytes").hasMessageContaining("could never pass");
        assertThatThrownBy(() -> new AllocationLimits(SECOND, 1, 1, (1L << 32) + 1)).hasMessageContaining("burstBytes");
        assertThatThrownBy(() -> RelayConfig.defaults().withMaxAllocations(0)).hasMessageContaining("maxAllocations");
        assertThatThrownBy(() -> new RelayConfig(1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theLargestLimitsDoNotOverflowTheBucketOrTheExpiry() {
        AllocationLimits max = new AllocationLimits(AllocationLimits.MAX_LIFETIME_NS, Long.MAX_VALUE,
                AllocationLimits.MAX_RATE_BYTES_PER_SECOND, AllocationLimits.MAX_BURST_BYTES);
        Relay relay = new Relay(new RelayConfig(1, max), net.overlay.core.spi.RandomSource.seeded(1));
        var a = (AllocateResult.Allocated) relay.allocate(Long.MAX_VALUE - 10);
        assertThat(a.expiresAtNs()).isEqualTo(Long.MAX_VALUE);
        RelayFixtures.send(relay, Long.MAX_VALUE - 9, RelayFixtures.DEVICE, RelayFixtures.relayed(a.deviceToken(), "d"));
        for (int i = 0; i < 3; i++) {
            assertThat(RelayFixtures.send(relay, Long.MAX_VALUE - 8 + i, RelayFixtures.CLIENT,
                    RelayFixtures.relayedOfSize(a.clientToken(), 65_507))).isInstanceOf(Verdict.Forward.class);
        }
    }
}
