package net.overlay.core.proto.media;

/**
 * A media fragment that does not parse (short, wrong marker, impossible indices). The receiver
 * counts such fragments as dropped; nothing else ever escapes the decoder.
 */
public final class MediaFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public MediaFormatException(String message) {
        super(message, null, false, false);
    }
}
