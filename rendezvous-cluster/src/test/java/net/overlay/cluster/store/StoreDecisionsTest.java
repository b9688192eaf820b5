package net.overlay.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import net.overlay.cluster.store.StoreCommand.AddDevice;
import net.overlay.cluster.store.StoreCommand.AddUser;
import net.overlay.cluster.store.StoreCommand.IssueClaimCode;
import net.overlay.cluster.store.StoreCommand.PutGrant;
import net.overlay.cluster.store.StoreCommand.RedeemClaimCode;
import net.overlay.cluster.store.StoreCommand.RemoveUser;
import net.overlay.cluster.store.StoreCommand.RevokeGrant;
import net.overlay.cluster.store.StoreDecisions.Decision;
import net.overlay.cluster.store.StoreDecisions.Persist;
import net.overlay.cluster.store.StoreDecisions.Refuse;
import net.overlay.cluster.store.StoreReply.Reason;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.spi.RandomSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The directory's rules, without actors: each command against a state, applied like the aggregate does. */
class StoreDecisionsTest {
    private static final long NOW_MS = 1_800_000_000_000L;
    private static final long HOUR_MS = 3_600_000L;

    private final RandomSource random = RandomSource.seeded(3);
    private final Identity owner = Identity.generate(random);
    private final Identity other = Identity.generate(random);
    private final Identity alice = Identity.generate(random);
    private final Identity camera = Identity.generate(random);
    private final Identity sensor = Identity.generate(random);
    private final DirectoryState state = new DirectoryState();

    /** Decides and, like the aggregate, applies what is persisted. */
    private Decision run(StoreCommand.Write command) {
        Decision d = StoreDecisions.decide(state, command);
        if (d instanceof Persist p) {
            p.events().forEach(state::apply);
        }
        return d;
    }

    private static Reason refusal(Decision d) {
        assertThat(d).isInstanceOf(Refuse.class);
        return ((Refuse) d).rejected().reason();
    }

    private void withOwnerCameraAndAlice() {
        run(new AddUser(owner.peerId().text(), UserRole.USER, NOW_MS, null));
        run(new AddUser(alice.peerId().text(), UserRole.USER, NOW_MS, null));
        assertThat(run(new AddDevice("camera-1", camera.peerId().text(), owner.peerId().text(), NOW_MS, null)))
                .isInstanceOf(Persist.class);
    }

    @Test
    void aDeviceNeedsAKnownOwnerAndItsOwnKey() {
        assertThat(refusal(run(new AddDevice("camera-1", camera.peerId().text(), owner.peerId().text(), NOW_MS, null))))
                .isEqualTo(Reason.NOT_FOUND);
        withOwnerCameraAndAlice();
        assertThat(run(new AddDevice("camera-1", camera.peerId().text(), owner.peerId().text(), NOW_MS, null)))
                .as("an identical repeat persists nothing").isEqualTo(new Persist(java.util.List.of()));
        assertThat(refusal(run(new AddDevice("camera-2", camera.peerId().text(), owner.peerId().text(), NOW_MS, null))))
                .as("one key, one device").isEqualTo(Reason.CONFLICT);
        assertThat(refusal(run(new RemoveUser(owner.peerId().text(), NOW_MS, null))))
                .as("an owner of devices stays").isEqualTo(Reason.CONFLICT);
    }

    @Test
    void aGrantMustBeSignedByTheDevicesOwnerAndARevokedOneCannotReturn() {
        withOwnerCameraAndAlice();
        Grant forged = Grant.issue(other, alice.peerId(), new DeviceId("camera-1"), Set.of("http"), Role.USER,
                NOW_MS + HOUR_MS, random);
        assertThat(refusal(run(new PutGrant(StoreTestData.base64(forged), NOW_MS, null)))).isEqualTo(Reason.INVALID);
        Grant expired = Grant.issue(owner, alice.peerId(), new DeviceId("camera-1"), Set.of("http"), Role.USER,
                NOW_MS - 1, random);
        assertThat(refusal(run(new PutGrant(StoreTestData.base64(expired), NOW_MS, null)))).isEqualTo(Reason.INVALID);

        Grant good = Grant.issue(owner, alice.peerId(), new DeviceId("camera-1"), Set.of("http"), Role.USER,
                NOW_MS + HOUR_MS, random);
        assertThat(run(new PutGrant(StoreTestData.base64(good), NOW_MS, null))).isInstanceOf(Persist.class);
        assertThat(state.grant(alice.peerId(), new DeviceId("camera-1"))).contains(good);
        assertThat(run(new RevokeGrant(alice.peerId().text(), "camera-1", NOW_MS, null))).isInstanceOf(Persist.class);
        assertThat(state.grant(alice.peerId(), new DeviceId("camera-1"))).isEmpty();
        assertThat(refusal(run(new PutGrant(StoreTestData.base64(good), NOW_MS, null)))).isEqualTo(Reason.CONFLICT);
    }

    @Test
    void aClaimCodeWorksOnceAndNotAfterItExpires() {
        run(new AddUser(owner.peerId().text(), UserRole.USER, NOW_MS, null));
        String code = ClaimCodes.generate(random);
        String hash = ClaimCodes.hash(code);
        assertThat(run(new IssueClaimCode(hash, owner.peerId().text(), "", NOW_MS + HOUR_MS, NOW_MS, null)))
                .isInstanceOf(Persist.class);
        assertThat(refusal(run(new RedeemClaimCode(hash, "", sensor.peerId().text(), NOW_MS, null))))
                .as("the code names no device, so the device must").isEqualTo(Reason.INVALID);
        assertThat(refusal(run(new RedeemClaimCode(hash, "sensor-1", sensor.peerId().text(), NOW_MS + HOUR_MS, null))))
                .as("at expiry").isEqualTo(Reason.INVALID);
        assertThat(run(new RedeemClaimCode(ClaimCodes.hash(code.toLowerCase().replace("-", " ")), "sensor-1",
                sensor.peerId().text(), NOW_MS + HOUR_MS - 1, null))).isInstanceOf(Persist.class);
        assertThat(state.device(new DeviceId("sensor-1")).orElseThrow().owner()).isEqualTo(owner.peerId());
        assertThat(refusal(run(new RedeemClaimCode(hash, "sensor-2", other.peerId().text(), NOW_MS, null))))
                .as("second use").isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void aClaimCodeForANamedDeviceRegistersOnlyThatName() {
        run(new AddUser(owner.peerId().text(), UserRole.USER, NOW_MS, null));
        String hash = ClaimCodes.hash(ClaimCodes.generate(random));
        run(new IssueClaimCode(hash, owner.peerId().text(), "door", NOW_MS + HOUR_MS, NOW_MS, null));
        assertThat(refusal(run(new RedeemClaimCode(hash, "window", sensor.peerId().text(), NOW_MS, null))))
                .isEqualTo(Reason.INVALID);
        assertThat(run(new RedeemClaimCode(hash, "", sensor.peerId().text(), NOW_MS, null))).isInstanceOf(Persist.class);
        assertThat(state.device(new DeviceId("door"))).isPresent();
    }

    @Test
    void aSnapshotRestoresTheSameDirectory() {
        withOwnerCameraAndAlice();
        Grant good = Grant.issue(owner, alice.peerId(), new DeviceId("camera-1"), Set.of("http", "ssh"), Role.ADMIN,
                NOW_MS + HOUR_MS, random);
        run(new PutGrant(StoreTestData.base64(good), NOW_MS, null));
        run(new IssueClaimCode(ClaimCodes.hash(ClaimCodes.generate(random)), owner.peerId().text(), "x", NOW_MS + 1,
                NOW_MS, null));
        DirectoryState copy = DirectoryState.fromSnapshot(state.toSnapshot());
        assertThat(copy.toSnapshot()).isEqualTo(state.toSnapshot());
        assertThat(copy.grant(alice.peerId(), new DeviceId("camera-1"))).contains(good);
    }

    @Property(tries = 200)
    void garbageCommandFieldsAreRefusedNeverThrown(@ForAll String key, @ForAll String name, @ForAll String grant) {
        for (StoreCommand.Write c : new StoreCommand.Write[] {
                new AddUser(key, UserRole.USER, NOW_MS, null),
                new AddDevice(name, key, key, NOW_MS, null),
                new PutGrant(grant, NOW_MS, null),
                new RevokeGrant(key, name, NOW_MS, null),
                new IssueClaimCode(grant, key, name, NOW_MS + 1, NOW_MS, null),
                new RedeemClaimCode(grant, name, key, NOW_MS, null)}) {
            assertThat(StoreDecisions.decide(state, c)).isNotNull();
        }
    }
}
