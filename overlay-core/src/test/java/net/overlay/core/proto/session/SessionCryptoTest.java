package net.overlay.core.proto.session;

import net.overlay.core.proto.wire.BigEndian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.overlay.core.proto.crypto.CipherSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionCryptoTest {
    private static final byte[] KEY_AB = filled(0x11);
    private static final byte[] KEY_BA = filled(0x22);
    private static final int INDEX_A = 0x0A0A0A0A;
    private static final int INDEX_B = 0xB0B0B0B0;

    private static byte[] filled(int v) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) v);
        return k;
    }

    /** A's sealer and B's opener: the A-to-B direction. */
    private static PacketSealer sealerAtoB(CipherSuite suite, SessionConfig config) {
        return SessionCrypto.create(suite, KEY_AB, KEY_BA, INDEX_A, INDEX_B, config).sealer();
    }

    private static PacketOpener openerAtB(CipherSuite suite, SessionConfig config) {
        return SessionCrypto.create(suite, KEY_BA, KEY_AB, INDEX_B, INDEX_A, config).opener();
    }

    private static byte[] seal(PacketSealer sealer, String payload) throws RekeyRequiredException {
        byte[] in = payload.getBytes();
        byte[] out = new byte[in.length + SessionConstants.OVERHEAD_BYTES];
        assertThat(sealer.seal(in, 0, in.length, out, 0)).isEqualTo(out.length);
        return out;
    }

    private static OpenStatus open(PacketOpener opener, byte[] datagram) {
        return opener.open(datagram, 0, datagram.length, new byte[datagram.length], 0);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void roundTripsInBothDirectionsWithTheDocumentedHeader(CipherSuite suite) throws Exception {
        SessionCrypto a = SessionCrypto.create(suite, KEY_AB, KEY_BA, INDEX_A, INDEX_B, SessionConfig.DEFAULT);
        SessionCrypto b = SessionCrypto.create(suite, KEY_BA, KEY_AB, INDEX_B, INDEX_A, SessionConfig.DEFAULT);
        for (int i = 0; i < 3; i++) {
            byte[] d = seal(a.sealer(), "ping " + i);
            assertThat(Arrays.copyOf(d, 14)).as("0xD1 0x03, B's index, packet number")
                    .isEqualTo(java.util.HexFormat.of().parseHex("d103b0b0b0b0000000000000000" + i));
            byte[] out = new byte[d.length];
            assertThat(b.opener().open(d, 0, d.length, out, 0)).isEqualTo(OpenStatus.ACCEPTED);
            assertThat(new String(out, 0, b.opener().lastPlaintextBytes())).isEqualTo("ping " + i);
            assertThat(b.opener().lastPacketNumber()).isEqualTo(i);
        }
        byte[] back = seal(b.sealer(), "pong");
        assertThat(open(a.opener(), back)).isEqualTo(OpenStatus.ACCEPTED);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void sealsAndOpensInPlaceAndAtOffsets(CipherSuite suite) throws Exception {
        PacketSealer sealer = sealerAtoB(suite, SessionConfig.DEFAULT);
        PacketOpener opener = openerAtB(suite, SessionConfig.DEFAULT);
        byte[] buf = new byte[7 + 1200 + SessionConstants.OVERHEAD_BYTES];
        byte[] payload = new byte[1200];
        Arrays.fill(payload, (byte) 0x5A);
        System.arraycopy(payload, 0, buf, 7 + 14, 1200);
        int len = sealer.seal(buf, 7 + 14, 1200, buf, 7);
        assertThat(opener.open(buf, 7, len, buf, 7 + 14)).isEqualTo(OpenStatus.ACCEPTED);
        assertThat(Arrays.copyOfRange(buf, 21, 21 + 1200)).isEqualTo(payload);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aReplayedDatagramIsDroppedAndCounted(CipherSuite suite) throws Exception {
        PacketSealer sealer = sealerAtoB(suite, SessionConfig.DEFAULT);
        PacketOpener opener = openerAtB(suite, SessionConfig.DEFAULT);
        byte[] d = seal(sealer, "once");
        assertThat(open(opener, d)).isEqualTo(OpenStatus.ACCEPTED);
        assertThat(open(opener, d)).isEqualTo(OpenStatus.DUPLICATE);
        assertThat(open(opener, d)).isEqualTo(OpenStatus.DUPLICATE);
        assertThat(opener.count(OpenStatus.ACCEPTED)).isEqualTo(1);
        assertThat(opener.count(OpenStatus.DUPLICATE)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void reorderedPacketsInsideTheWindowAreAcceptedOnce(CipherSuite suite) throws Exception {
        PacketSealer sealer = sealerAtoB(suite, SessionConfig.DEFAULT);
        PacketOpener opener = openerAtB(suite, SessionConfig.DEFAULT);
        byte[][] d = new byte[5][];
        for (int i = 0; i < d.length; i++) {
            d[i] = seal(sealer, "p" + i);
        }
        for (int i : new int[] {4, 0, 2, 1, 3}) {
            assertThat(open(opener, d[i])).as("packet %d", i).isEqualTo(OpenStatus.ACCEPTED);
        }
        for (byte[] again : d) {
            assertThat(open(opener, again)).isEqualTo(OpenStatus.DUPLICATE);
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aPacketOlderThanTheWindowIsDroppedAsTooOld(CipherSuite suite) throws Exception {
        SessionConfig small = new SessionConfig(128, 1000, 1000);
        PacketSealer sealer = sealerAtoB(suite, small);
        PacketOpener opener = openerAtB(suite, small);
        byte[] first = seal(sealer, "old");
        byte[] last = null;
        for (int i = 1; i <= 64; i++) {
            last = seal(sealer, "n" + i);
        }
        // Packet 64 arrives first: packet 0 is 64 behind, exactly the tracked span (128 - 64).
        assertThat(open(opener, last)).isEqualTo(OpenStatus.ACCEPTED);
        assertThat(open(opener, first)).isEqualTo(OpenStatus.TOO_OLD);
        assertThat(opener.count(OpenStatus.TOO_OLD)).isEqualTo(1);
        assertThat(opener.count(OpenStatus.DUPLICATE)).isZero();
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aBitFlipAnywhereIsDroppedAndDoesNotMoveTheWindow(CipherSuite suite) throws Exception {
        PacketSealer sealer = sealerAtoB(suite, SessionConfig.DEFAULT);
        PacketOpener opener = openerAtB(suite, SessionConfig.DEFAULT);
        byte[] good = seal(sealer, "payload that matters");
        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(open(opener, bad)).as("bit %d", bit).isIn(OpenStatus.FORGED, OpenStatus.MALFORMED,
                    OpenStatus.EXHAUSTED);
            assertThat(opener.highestPacketNumber()).as("window after bit %d", bit).isEqualTo(-1);
        }
        // Type, version and index flips are screened out before the AEAD; so are the 4 packet-number
        // bits (60..63) that put it past the limit. Every other flip reaches the AEAD and fails there.
        assertThat(opener.count(OpenStatus.MALFORMED)).isEqualTo(6 * 8);
        assertThat(opener.count(OpenStatus.EXHAUSTED)).isEqualTo(4);
        assertThat(opener.count(OpenStatus.FORGED)).isEqualTo((good.length - 6) * 8L - 4);
        assertThat(open(opener, good)).isEqualTo(OpenStatus.ACCEPTED);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void aForgedPacketWithAHugePacketNumberDoesNotPushTheWindow(CipherSuite suite) throws Exception {
        PacketSealer sealer = sealerAtoB(suite, SessionConfig.DEFAULT);
        PacketOpener opener = openerAtB(suite, SessionConfig.DEFAULT);
        byte[] d0 = seal(sealer, "zero");
        byte[] forged = d0.clone();
        BigEndian.putLong(forged, SessionConstants.PACKET_NUMBER_OFFSET, 1_000_000);
        assertThat(open(opener, forged)).isEqualTo(OpenStatus.FORGED);
        // Had the forgery moved the window, packet 0 would now be too old.
        assertThat(open(opener, d0)).isEqualTo(OpenStatus.ACCEPTED);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void packetsForAnotherSessionOrTooShortAreMalformed(CipherSuite suite) throws Exception {
        PacketSealer sealer = sealerAtoB(suite, SessionConfig.DEFAULT);
        PacketOpener opener = openerAtB(suite, SessionConfig.DEFAULT);
        PacketOpener atA = SessionCrypto.create(suite, KEY_AB, KEY_BA, INDEX_A, INDEX_B, SessionConfig.DEFAULT).opener();
        byte[] d = seal(sealer, "");
        assertThat(d).hasSize(30);
        assertThat(open(atA, d)).isEqualTo(OpenStatus.MALFORMED);
        assertThat(opener.open(d, 0, 29, new byte[30], 0)).isEqualTo(OpenStatus.MALFORMED);
        assertThat(open(opener, d)).isEqualTo(OpenStatus.ACCEPTED);
        assertThat(opener.lastPlaintextBytes()).isZero();
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void theSealerRefusesPastItsPacketLimitAndAdvisesARekeyBefore(CipherSuite suite) throws Exception {
        SessionConfig config = new SessionConfig(8192, 2, 3);
        PacketSealer sealer = sealerAtoB(suite, config);
        seal(sealer, "0");
        assertThat(sealer.rekeyDue()).isFalse();
        seal(sealer, "1");
        assertThat(sealer.rekeyDue()).isTrue();
        seal(sealer, "2");
        byte[] out = new byte[64];
        assertThatThrownBy(() -> sealer.seal(new byte[1], 0, 1, out, 0)).isInstanceOf(RekeyRequiredException.class);
        assertThat(out).containsOnly(0);
        assertThat(sealer.nextPacketNumber()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void theOpenerRefusesPacketNumbersPastTheLimit(CipherSuite suite) throws Exception {
        PacketSealer sealer = sealerAtoB(suite, SessionConfig.DEFAULT);
        PacketOpener opener = openerAtB(suite, SessionConfig.DEFAULT.withPacketLimit(1));
        seal(sealer, "0");
        assertThat(open(opener, seal(sealer, "1"))).isEqualTo(OpenStatus.EXHAUSTED);
    }

    @Test
    void theDefaultLimitIs2To60Packets() {
        assertThat(SessionConfig.DEFAULT.rejectAfterPackets()).isEqualTo(1L << 60);
        assertThatThrownBy(() -> SessionConfig.DEFAULT.withPacketLimit((1L << 60) + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sealerAtoB(CipherSuite.AES_GCM, SessionConfig.DEFAULT).rekeyDue()).isFalse();
    }
}
