package net.overlay.core.proto.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

class GrantTest {
    private static final long EXPIRY_MS = 1_800_000_000_000L;
    private static final long NOW_MS = 1_750_000_000_000L;

    private final RandomSource random = RandomSource.seeded(21);
    private final Identity owner = Identity.generate(random);
    private final Identity user = Identity.generate(random);
    private final DeviceId device = new DeviceId("cam.garden");
    private final Grant grant = Grant.issue(owner, user.peerId(), device, Set.of("rtsp", "http"), Role.USER,
            EXPIRY_MS, random);

    @Test
    void roundTripsWithServicesInCanonicalOrder() throws Exception {
        Grant back = Grant.decode(grant.encode());
        assertThat(back).isEqualTo(grant);
        assertThat(back.services()).containsExactly("http", "rtsp");
    }

    @Test
    void coversExactlyItsServicesForItsUserOnItsDevice() {
        assertThat(grant.verify(owner.peerId(), device, user.peerId(), "rtsp", NOW_MS)).isEqualTo(Verdict.OK);
        assertThat(grant.verify(owner.peerId(), device, user.peerId(), "ssh", NOW_MS)).isEqualTo(Verdict.NOT_GRANTED);
        assertThat(grant.verify(owner.peerId(), new DeviceId("cam.door"), user.peerId(), "rtsp", NOW_MS))
                .isEqualTo(Verdict.WRONG_SUBJECT);
        assertThat(grant.verify(owner.peerId(), device, owner.peerId(), "rtsp", NOW_MS))
                .isEqualTo(Verdict.WRONG_SUBJECT);
        assertThat(grant.verify(owner.peerId(), device, user.peerId(), "rtsp", EXPIRY_MS)).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void aRendezvousCannotMintAGrantForTheOwner() {
        Identity rendezvous = Identity.generate(RandomSource.seeded(22));
        Grant minted = Grant.issue(rendezvous, user.peerId(), device, Set.of("http"), Role.ADMIN, EXPIRY_MS, random);
        assertThat(minted.verify(owner.peerId(), device, user.peerId(), "http", NOW_MS)).isEqualTo(Verdict.WRONG_ISSUER);
        Grant claimed = new Grant(owner.peerId(), minted.user(), minted.device(), minted.services(), minted.role(),
                minted.notAfterMs(), minted.nonce(), minted.signature());
        assertThat(claimed.verify(owner.peerId(), device, user.peerId(), "http", NOW_MS))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void aWidenedServiceSetUnderTheOldSignatureIsABadSignature() {
        Set<String> more = new HashSet<>(grant.services());
        more.add("ssh");
        Grant widened = new Grant(grant.owner(), grant.user(), grant.device(), new java.util.TreeSet<>(more),
                grant.role(), grant.notAfterMs(), grant.nonce(), grant.signature());
        assertThat(widened.verify(owner.peerId(), device, user.peerId(), "ssh", NOW_MS)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void servicesOutOfOrderOrDuplicatedOnTheWireAreMalformed() {
        Grant two = Grant.issue(owner, user.peerId(), device, Set.of("aa", "bb"), Role.USER, EXPIRY_MS, random);
        byte[] b = two.encode();
        // Layout: 2 + 32 + 32 + (1 + 10) device + 1 role + 1 count, then "aa" and "bb" with lengths.
        int first = 2 + 32 + 32 + 11 + 1 + 1;
        assertThat(new String(b, first + 1, 2)).isEqualTo("aa");
        byte[] swapped = b.clone();
        swapped[first + 1] = 'c';
        swapped[first + 2] = 'c';
        assertThatThrownBy(() -> Grant.decode(swapped)).isInstanceOf(MalformedStatementException.class)
                .hasMessageContaining("ascending");
        byte[] duplicated = b.clone();
        duplicated[first + 4] = 'a';
        duplicated[first + 5] = 'a';
        assertThatThrownBy(() -> Grant.decode(duplicated)).isInstanceOf(MalformedStatementException.class);
    }

    @Test
    void aGrantListsOneToThirtyTwoValidServices() {
        assertThatThrownBy(() -> Grant.issue(owner, user.peerId(), device, Set.of(), Role.USER, EXPIRY_MS, random))
                .isInstanceOf(IllegalArgumentException.class);
        Set<String> many = new HashSet<>();
        for (int i = 0; i < 33; i++) {
            many.add("s" + i);
        }
        assertThatThrownBy(() -> Grant.issue(owner, user.peerId(), device, many, Role.USER, EXPIRY_MS, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grant.issue(owner, user.peerId(), device, Set.of("-x"), Role.USER, EXPIRY_MS, random))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
