package net.overlay.core.proto.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

class DeviceCertificateTest {
    private static final long T0_MS = 1_750_000_000_000L;
    private static final long DAY_MS = 86_400_000L;

    private final Identity owner = Identity.generate(RandomSource.seeded(1));
    private final Identity device = Identity.generate(RandomSource.seeded(2));
    private final DeviceId camera = new DeviceId("camera-17");
    private final DeviceCertificate cert =
            DeviceCertificate.issue(camera, device, owner, T0_MS, T0_MS + DAY_MS, 42);

    @Test
    void encodingHasTheDocumentedLayout() {
        byte[] b = cert.encode();
        HexFormat hex = HexFormat.of();
        int p = 0;
        assertThat(b[p++]).as("version").isEqualTo((byte) 1);
        assertThat(b[p++]).as("kind: device certificate").isEqualTo((byte) 1);
        assertThat(b[p++]).as("subject length").isEqualTo((byte) 9);
        assertThat(new String(b, p, 9)).as("subject").isEqualTo("camera-17");
        p += 9;
        assertThat(Bytes.of(b, p, 32)).as("device Ed25519 key").isEqualTo(device.peerId().key());
        p += 32;
        assertThat(Bytes.of(b, p, 32)).as("device X25519 key").isEqualTo(device.staticPublicKey());
        p += 32;
        assertThat(Bytes.of(b, p, 32)).as("issuer").isEqualTo(owner.peerId().key());
        p += 32;
        assertThat(hex.formatHex(b, p, p + 8)).as("notBeforeMs").isEqualTo("000001977420dc00");
        p += 8;
        assertThat(hex.formatHex(b, p, p + 8)).as("notAfterMs").isEqualTo("0000019779473800");
        p += 8;
        assertThat(hex.formatHex(b, p, p + 8)).as("serial").isEqualTo("000000000000002a");
        p += 8;
        assertThat(b.length - p).as("signature").isEqualTo(64);
    }

    @Test
    void decodesToTheSameCertificateAndVerifiesInsideItsWindow() throws Exception {
        DeviceCertificate back = DeviceCertificate.decode(cert.encode());
        assertThat(back).isEqualTo(cert);
        assertThat(back.verify(owner.peerId(), camera, T0_MS)).isEqualTo(Verdict.OK);
        assertThat(back.verify(owner.peerId(), T0_MS + DAY_MS - 1)).isEqualTo(Verdict.OK);
    }

    @Test
    void windowStartIsInclusiveAndEndExclusive() {
        assertThat(cert.verify(owner.peerId(), T0_MS - 1)).isEqualTo(Verdict.NOT_YET_VALID);
        assertThat(cert.verify(owner.peerId(), T0_MS + DAY_MS)).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void anotherIssuersKeyOrAnotherSubjectIsRefused() {
        Identity stranger = Identity.generate(RandomSource.seeded(3));
        assertThat(cert.verify(stranger.peerId(), T0_MS)).isEqualTo(Verdict.WRONG_ISSUER);
        assertThat(cert.verify(owner.peerId(), new DeviceId("camera-18"), T0_MS)).isEqualTo(Verdict.WRONG_SUBJECT);
    }

    @Test
    void aChangedFieldUnderTheOldSignatureIsABadSignature() {
        DeviceCertificate extended = new DeviceCertificate(cert.subject(), cert.deviceKey(), cert.deviceStaticKey(),
                cert.issuer(), cert.notBeforeMs(), cert.notAfterMs() + DAY_MS, cert.serial(), cert.signature());
        assertThat(extended.verify(owner.peerId(), T0_MS)).isEqualTo(Verdict.BAD_SIGNATURE);
        // A forgery is reported as forged even when it is also expired.
        assertThat(extended.verify(owner.peerId(), T0_MS + 10 * DAY_MS)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void everySingleBitFlipIsMalformedOrFailsVerification() {
        byte[] good = cert.encode();
        for (int i = 0; i < good.length * 8; i++) {
            byte[] bad = good.clone();
            bad[i / 8] ^= (byte) (1 << (i % 8));
            assertThat(DeviceCertificate.verify(bad, owner.peerId(), camera, T0_MS)).as("bit %d", i)
                    .isNotEqualTo(Verdict.OK);
        }
    }

    @Test
    void theSameBodySignedWithoutOrUnderAnotherContextDoesNotVerify() {
        byte[] good = cert.encode();
        int bodyLen = good.length - 64;
        byte[] rawSignature = owner.sign(good, 0, bodyLen);
        // Models an issuer tricked into signing these exact bytes as some other kind of statement.
        byte[] ticketContext = "overlay/v1/connection-ticket\0".getBytes();
        byte[] msg = new byte[ticketContext.length + bodyLen];
        System.arraycopy(ticketContext, 0, msg, 0, ticketContext.length);
        System.arraycopy(good, 0, msg, ticketContext.length, bodyLen);
        byte[] otherContextSignature = owner.sign(msg, 0, msg.length);
        for (byte[] sig : new byte[][] {rawSignature, otherContextSignature}) {
            byte[] forged = Arrays.copyOf(good, good.length);
            System.arraycopy(sig, 0, forged, bodyLen, 64);
            assertThat(DeviceCertificate.verify(forged, owner.peerId(), camera, T0_MS)).isEqualTo(Verdict.BAD_SIGNATURE);
        }
    }

    @Test
    void emptyOrNegativeWindowsAreRefusedAtIssue() {
        assertThatThrownBy(() -> DeviceCertificate.issue(camera, device, owner, T0_MS, T0_MS, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceCertificate.issue(camera, device, owner, -5, T0_MS, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodingRefusesTrailingBytesAndOtherKinds() {
        byte[] good = cert.encode();
        byte[] longer = new byte[good.length + 1];
        System.arraycopy(good, 0, longer, 0, good.length - 64);
        System.arraycopy(good, good.length - 64, longer, good.length - 63, 64);
        assertThatThrownBy(() -> DeviceCertificate.decode(longer)).isInstanceOf(MalformedStatementException.class)
                .hasMessageContaining("unexpected bytes");
        assertThatThrownBy(() -> ConnectionTicket.decode(good)).isInstanceOf(MalformedStatementException.class)
                .hasMessageContaining("kind");
    }
}
