package net.overlay.core.node.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.Verdict;
import net.overlay.core.proto.rendezvous.InMemoryDirectory;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentFileTest {
    private final RandomSource random = RandomSource.seeded(5);
    private final Identity rendezvous = Identity.generate(random);
    private final Identity owner = Identity.generate(random);
    private final Identity device = Identity.generate(random);
    private final Identity user = Identity.generate(random);

    @TempDir
    Path dir;

    private String rendezvousSection() {
        return "rendezvous { address = \"127.0.0.1:3478\", peer-id = \"" + rendezvous.peerId().text()
                + "\", static-key = \"" + Base64.getEncoder().encodeToString(rendezvous.staticPublicKey().toArray())
                + "\" }\n";
    }

    @Test
    void aDeviceFileGivesKeysRendezvousDeviceAndServices() throws IOException {
        Path f = Files.writeString(dir.resolve("device.conf"), "keys = \"dev\"\n" + rendezvousSection()
                + "device { name = \"camera-1\", owner = \"" + owner.peerId().text() + "\" }\n"
                + "services { http = \"127.0.0.1:8080\", ssh = \"127.0.0.1:22\" }\n");

        AgentFile a = AgentFile.load(f);

        assertThat(a.keys()).isEqualTo(dir.resolve("dev"));
        assertThat(a.localAddress()).isEqualTo("127.0.0.1");
        assertThat(a.rendezvous()).isEqualTo(new InetSocketAddress("127.0.0.1", 3478));
        assertThat(a.rendezvousPeerId()).isEqualTo(rendezvous.peerId());
        assertThat(a.rendezvousStaticKey()).isEqualTo(rendezvous.staticPublicKey());
        assertThat(a.device()).contains(new AgentFile.DeviceSection(new DeviceId("camera-1"), owner.peerId()));
        assertThat(a.services()).isEqualTo(Map.of("http", new InetSocketAddress("127.0.0.1", 8080),
                "ssh", new InetSocketAddress("127.0.0.1", 22)));
    }

    @Test
    void aClientFileHasNoDeviceAndNoServices() throws IOException {
        Path f = Files.writeString(dir.resolve("client.conf"), "keys = \"/abs/user\"\n" + rendezvousSection());

        AgentFile a = AgentFile.load(f);

        assertThat(a.keys()).isEqualTo(Path.of("/abs/user"));
        assertThat(a.device()).isEmpty();
        assertThat(a.services()).isEmpty();
    }

    @Test
    void aMissingKeyIsNamedWithTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.conf"), rendezvousSection());

        assertThatThrownBy(() -> AgentFile.load(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.conf").hasMessageContaining("keys");
    }

    @Test
    void aHostNameIsRefusedRatherThanLookedUp() {
        assertThatThrownBy(() -> AgentFile.parseAddress("example.org:80")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentFile.parseAddress("127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDevDirectoryFileListsTheDeviceAndAGrantSignedWithTheOwnersKeys() throws IOException {
        KeyDirectory.write(dir.resolve("owner"), owner, false);
        Path f = Files.writeString(dir.resolve("directory.conf"),
                "devices = [ { name = \"camera-1\", peer-id = \"" + device.peerId().text() + "\", owner = \""
                        + owner.peerId().text() + "\" } ]\n"
                        + "grants = [ { owner-keys = \"owner\", user = \"" + user.peerId().text()
                        + "\", device = \"camera-1\", services = [http] } ]\n");

        InMemoryDirectory d = DevDirectoryFile.load(f);

        DeviceId camera = new DeviceId("camera-1");
        assertThat(d.device(camera).orElseThrow().deviceKey()).isEqualTo(device.peerId());
        assertThat(d.grant(user.peerId(), camera).orElseThrow()
                .verify(owner.peerId(), camera, user.peerId(), "http", System.currentTimeMillis()))
                .isEqualTo(Verdict.OK);
    }

    @Test
    void aGrantSignedByAnotherThanTheDevicesOwnerIsRefused() throws IOException {
        KeyDirectory.write(dir.resolve("user"), user, false);
        Path f = Files.writeString(dir.resolve("directory.conf"),
                "devices = [ { name = \"camera-1\", peer-id = \"" + device.peerId().text() + "\", owner = \""
                        + owner.peerId().text() + "\" } ]\n"
                        + "grants = [ { owner-keys = \"user\", user = \"" + user.peerId().text()
                        + "\", device = \"camera-1\", services = [http] } ]\n");

        assertThatThrownBy(() -> DevDirectoryFile.load(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owner");
    }
}
