package net.overlay.core.proto.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MediaFragmentTest {

    @Test
    void encodesTheHeaderFieldByField() {
        byte[] buf = new byte[20];
        int end = MediaFragment.encodeHeader(buf, 1, 0x01020304L, 2, 7, true, 0x1122334455667788L);
        assertThat(end).isEqualTo(19);
        assertThat(HexFormat.of().formatHex(buf, 1, 19)).isEqualTo(
                "4d"                    // marker 'M'
                + "01"                  // flags: keyframe
                + "01020304"            // frame id
                + "0002"                // fragment index
                + "0007"                // fragment count
                + "1122334455667788");  // capture time, ns
    }

    @Property(tries = 300)
    void whatIsEncodedDecodesToTheSame(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long frameId,
            @ForAll @IntRange(min = 1, max = 0xFFFF) int count, @ForAll @IntRange(min = 0, max = 0xFFFE) int index,
            @ForAll boolean keyframe, @ForAll long captureNs, @ForAll @IntRange(min = 0, max = 50) int payload)
            throws MediaFormatException {
        int i = index % count;
        byte[] buf = new byte[MediaFragment.HEADER_BYTES + payload];
        MediaFragment.encodeHeader(buf, 0, frameId, i, count, keyframe, captureNs);
        MediaFragment f = MediaFragment.decode(buf, 0, buf.length);
        assertThat(f).isEqualTo(new MediaFragment(frameId, i, count, keyframe, captureNs, MediaFragment.HEADER_BYTES,
                payload));
    }

    @Property(tries = 2000)
    void randomBytesNeverThrowAnythingButTheFormatError(@ForAll @Size(max = 64) byte[] junk,
            @ForAll @IntRange(min = -2, max = 70) int off, @ForAll @IntRange(min = -2, max = 70) int len) {
        try {
            MediaFragment f = MediaFragment.decode(junk, off, len);
            assertThat(f.fragmentIndex()).isLessThan(f.fragmentCount());
            assertThat(f.payloadOffset() + f.payloadBytes()).isLessThanOrEqualTo(junk.length);
        } catch (MediaFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void refusesShortFragmentsForeignMarkersReservedFlagsAndImpossibleIndices() {
        byte[] ok = new byte[MediaFragment.HEADER_BYTES];
        MediaFragment.encodeHeader(ok, 0, 1, 0, 1, false, 5);
        assertThatThrownBy(() -> MediaFragment.decode(ok, 0, 17)).isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("shorter");
        byte[] marker = ok.clone();
        marker[0] = 0x31;
        assertThatThrownBy(() -> MediaFragment.decode(marker, 0, 18)).hasMessageContaining("not a media fragment");
        byte[] flags = ok.clone();
        flags[1] = 2;
        assertThatThrownBy(() -> MediaFragment.decode(flags, 0, 18)).hasMessageContaining("reserved");
        byte[] index = ok.clone();
        index[7] = 1; // index 1 of 1
        assertThatThrownBy(() -> MediaFragment.decode(index, 0, 18)).hasMessageContaining("fragment 1 of 1");
        byte[] zero = ok.clone();
        zero[9] = 0; // count 0
        assertThatThrownBy(() -> MediaFragment.decode(zero, 0, 18)).hasMessageContaining("of 0");
    }
}
