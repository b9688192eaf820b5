package net.overlay.core.proto.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

class DeviceClaimCodeTest {
    private final Identity device = Identity.generate(RandomSource.seeded(5));
    private final DeviceClaimCode code = new DeviceClaimCode(new DeviceId("camera-1"), device.peerId());

    @Test
    void aCodeReadsBackToTheSameNameAndKey() {
        String text = code.encode();
        assertThat(text).startsWith("ovc1.camera-1." + device.peerId().text() + ".");
        assertThat(DeviceClaimCode.parse("  " + text + "\n")).isEqualTo(code);
    }

    @Test
    void everySingleCharacterTypoIsRefused() {
        String text = code.encode();
        int start = text.indexOf('.', 5) + 1;   // the key and the checksum: where typos hide
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) == '.') {
                continue;
            }
            char other = text.charAt(i) == 'a' ? 'b' : 'a';
            String typo = text.substring(0, i) + other + text.substring(i + 1);
            assertThatThrownBy(() -> DeviceClaimCode.parse(typo)).as("typo at %d", i)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void otherTextIsRefusedWithTheReason() {
        assertThatThrownBy(() -> DeviceClaimCode.parse("hello")).hasMessageContaining("not a device claim code");
        assertThatThrownBy(() -> DeviceClaimCode.parse("ovc1.Bad Name." + device.peerId().text() + ".aaaaaaa"))
                .hasMessageContaining("bad device name");
        assertThatThrownBy(() -> DeviceClaimCode.parse("ovc1.camera-1.short.aaaaaaa")).hasMessageContaining("bad device key");
        String renamed = code.encode().replace("camera-1", "camera-2");
        assertThatThrownBy(() -> DeviceClaimCode.parse(renamed)).hasMessageContaining("checksum does not match");
    }
}
