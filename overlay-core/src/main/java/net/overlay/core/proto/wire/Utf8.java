package net.overlay.core.proto.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.overlay.core.proto.wire.WireException.Reason;

/** Strict UTF-8 for CLOSE reasons: the JDK's lenient paths would replace bad input silently. */
public final class Utf8 {
    private Utf8() {
    }

    /** Bytes of {@code s} in UTF-8, or -1 when it has an unpaired surrogate (no UTF-8 form). */
    static int encodedLength(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return -1;
                }
                i++;
                n += 4;
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Decodes, refusing malformed input, overlong forms and encoded surrogates (RFC 3629 3). */
    public static String decode(byte[] buf, int off, int len) throws WireException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WireException(Reason.INVALID_UTF8, "reason is not valid UTF-8: " + e.getMessage());
        }
    }
}
