package net.overlay.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.overlay.cluster.store.StoreCommand.AddDevice;
import net.overlay.cluster.store.StoreCommand.AddUser;
import net.overlay.cluster.store.StoreCommand.PutGrant;
import net.overlay.cluster.store.StoreCommand.RevokeGrant;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreReplayTest {
    private static final long NOW_MS = 1_800_000_000_000L;
    private static final long DAY_MS = 86_400_000L;

    @TempDir
    Path dir;

    private final RandomSource random = RandomSource.seeded(7);
    private final Identity owner = Identity.generate(random);
    private final Identity alice = Identity.generate(random);
    private final Identity bob = Identity.generate(random);
    private final Identity camera = Identity.generate(random);

    @Test
    void usersDevicesAndGrantsSurviveARestartOnTheSameH2File() throws Exception {
        Grant aliceGrant = Grant.issue(owner, alice.peerId(), new DeviceId("camera-1"), Set.of("http", "rtsp"),
                Role.USER, NOW_MS + 30 * DAY_MS, random);
        Grant bobGrant = Grant.issue(owner, bob.peerId(), new DeviceId("camera-1"), Set.of("http"),
                Role.USER, NOW_MS + 30 * DAY_MS, random);
        try (StoreSystems.Node node = StoreSystems.start("first", StoreSystems.h2(dir), null)) {
            StoreClient c = node.store().client();
            for (Identity u : new Identity[] {owner, alice, bob}) {
                done(c, r -> new AddUser(u.peerId().text(), u == owner ? UserRole.ADMIN : UserRole.USER, NOW_MS, r));
            }
            done(c, r -> new AddDevice("camera-1", camera.peerId().text(), owner.peerId().text(), NOW_MS, r));
            done(c, r -> new PutGrant(StoreTestData.base64(aliceGrant), NOW_MS, r));
            done(c, r -> new PutGrant(StoreTestData.base64(bobGrant), NOW_MS, r));
            done(c, r -> new RevokeGrant(bob.peerId().text(), "camera-1", NOW_MS, r));
            assertThat(node.store().directory().grant(alice.peerId(), new DeviceId("camera-1"))).contains(aliceGrant);
        }
        try (StoreSystems.Node node = StoreSystems.start("second", StoreSystems.h2(dir), null)) {
            StoreDirectory d = node.store().directory();
            long seqNr = node.store().client().status().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(seqNr).isEqualTo(7);
            d.awaitSeqNr(seqNr, 10_000).toCompletableFuture().get(15, TimeUnit.SECONDS);
            assertThat(d.role(owner.peerId())).contains(UserRole.ADMIN);
            assertThat(d.role(alice.peerId())).contains(UserRole.USER);
            assertThat(d.device(new DeviceId("camera-1")).orElseThrow().deviceKey()).isEqualTo(camera.peerId());
            assertThat(d.grant(alice.peerId(), new DeviceId("camera-1"))).contains(aliceGrant);
            assertThat(d.grant(bob.peerId(), new DeviceId("camera-1"))).isEmpty();
            // The revocation survived too: the same signed grant cannot come back.
            StoreReply again = node.store().client().ask(r -> new PutGrant(StoreTestData.base64(bobGrant), NOW_MS, r))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(again).isInstanceOf(StoreReply.Rejected.class);
        }
    }

    @Test
    void recoveryFromASnapshotPlusLaterEventsGivesTheSameDirectory() throws Exception {
        String[] everyThree = {"overlay.store.snapshot-every-events = 3"};
        try (StoreSystems.Node node = StoreSystems.start("snap", StoreSystems.h2(dir, everyThree), null)) {
            StoreClient c = node.store().client();
            done(c, r -> new AddUser(owner.peerId().text(), UserRole.ADMIN, NOW_MS, r));
            for (int i = 0; i < 6; i++) {
                String name = "cam-" + i;
                String key = Identity.generate(random).peerId().text();
                done(c, r -> new AddDevice(name, key, owner.peerId().text(), NOW_MS, r));
            }
        }
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:h2:file:"
                + dir.resolve("store").toAbsolutePath() + ";DB_CLOSE_DELAY=-1", "sa", "");
                var rs = db.createStatement().executeQuery("SELECT MAX(\"sequence_number\") FROM \"snapshot\"")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("latest snapshot position").isEqualTo(6);
        }
        try (StoreSystems.Node node = StoreSystems.start("snap", StoreSystems.h2(dir, everyThree), null)) {
            StoreClient c = node.store().client();
            // The aggregate recovered from the snapshot at 6 plus event 7: its rules see every device.
            StoreReply dup = c.ask(r -> new AddDevice("cam-6", camera.peerId().text(), owner.peerId().text(),
                    NOW_MS, r)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(dup).isInstanceOf(StoreReply.Done.class);
            StoreReply taken = c.ask(r -> new AddDevice("cam-0", camera.peerId().text(), owner.peerId().text(),
                    NOW_MS, r)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(taken).isInstanceOf(StoreReply.Rejected.class);
            node.store().directory().awaitSeqNr(8, 10_000).toCompletableFuture().get(15, TimeUnit.SECONDS);
            assertThat(node.store().directory().state().devices()).hasSize(7);
        }
    }

    private static void done(StoreClient c, java.util.function.Function<org.apache.pekko.actor.typed.ActorRef<StoreReply>,
            StoreCommand> command) throws Exception {
        assertThat(c.ask(command).toCompletableFuture().get(10, TimeUnit.SECONDS)).isInstanceOf(StoreReply.Done.class);
    }
}
