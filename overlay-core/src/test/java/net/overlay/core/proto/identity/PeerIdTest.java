package net.overlay.core.proto.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

class PeerIdTest {

    @Test
    void textFormIsLowercaseBase32Of52Characters() {
        PeerId id = PeerId.of(new byte[32]);
        assertThat(id.text()).isEqualTo("a".repeat(52));
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        // 256 one-bits: 51 full '7's, then the last character holds 1 bit and 4 zero pad bits: 'q'.
        assertThat(PeerId.of(ones).text()).isEqualTo("7".repeat(51) + "q");
    }

    @Test
    void theRfc8032Test1KeyHasTheTextShownInTheDocs() {
        PeerId id = PeerId.of(java.util.HexFormat.of()
                .parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        assertThat(id.text()).isEqualTo("25njqamcweflpvkl73j4szahhihoc4xt3ktcgjnpaingr5yhkena");
    }

    @Test
    void rfc4648TestVectorsEncode() {
        // RFC 4648 section 10, lowercased and without padding.
        assertThat(Base32.encode("foobar".getBytes())).isEqualTo("mzxw6ytboi");
        assertThat(Base32.encode("fo".getBytes())).isEqualTo("mzxq");
        assertThat(new String(Base32.decode("MZXW6YTB", 5))).isEqualTo("fooba");
    }

    @Property(tries = 200)
    void textRoundTripsInEitherCase(@ForAll @Size(32) byte[] key) {
        PeerId id = PeerId.of(key);
        assertThat(PeerId.parse(id.text())).isEqualTo(id);
        assertThat(PeerId.parse(id.text().toUpperCase())).isEqualTo(id);
        assertThat(id.text()).hasSize(PeerId.TEXT_LENGTH).matches("[a-z2-7]+");
    }

    @Test
    void parseRejectsWrongLengthBadCharactersAndNonCanonicalTail() {
        String good = Identity.generate(RandomSource.seeded(1)).peerId().text();
        assertThatThrownBy(() -> PeerId.parse(good.substring(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("52");
        assertThatThrownBy(() -> PeerId.parse("1" + good.substring(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'1'");
        // 'q' is 10000: its low four bits are padding and must be zero; 'r' (10001) is not canonical.
        String allOnes = "7".repeat(51);
        assertThat(PeerId.parse(allOnes + "q")).isNotNull();
        assertThatThrownBy(() -> PeerId.parse(allOnes + "r")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-canonical");
    }

    @Test
    void keyMustBe32Bytes() {
        assertThatThrownBy(() -> new PeerId(Bytes.of(new byte[31]))).isInstanceOf(IllegalArgumentException.class);
    }
}
