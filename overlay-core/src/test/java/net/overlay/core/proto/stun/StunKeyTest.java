package net.overlay.core.proto.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** Key derivation: short-term OpaqueString (simple case) and long-term MD5. */
class StunKeyTest {

    @Test
    void shortTermKeyIsThePasswordAsUtf8() {
        assertThat(StunKey.shortTerm("VOkJxbRl1RmTxUk/WvJxBt").toArray())
                .isEqualTo("VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void opaqueStringMapsNonAsciiSpacesAndComposesToNfc() {
        // U+00A0 no-break space -> U+0020; "e" + U+0301 combining acute -> U+00E9
        assertThat(StunKey.shortTerm("a\u00A0e\u0301")).isEqualTo(StunKey.shortTerm("a \u00E9"));
        assertThat(StunKey.shortTerm("a\u3000b")).isEqualTo(StunKey.shortTerm("a b"));
    }

    @Test
    void emptyPasswordIsRefused() {
        assertThatThrownBy(() -> StunKey.shortTerm("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longTermKeyIsMd5OfUsernameRealmPassword() throws Exception {
        byte[] expected = MessageDigest.getInstance("MD5")
                .digest("user:example.org:pass".getBytes(StandardCharsets.UTF_8));
        assertThat(StunKey.longTerm("user", "example.org", "pass").toArray()).isEqualTo(expected);
    }

    @Test
    void toStringNeverShowsTheKey() {
        assertThat(StunKey.shortTerm("secret-password")).hasToString("StunKey[15 bytes]");
    }
}
