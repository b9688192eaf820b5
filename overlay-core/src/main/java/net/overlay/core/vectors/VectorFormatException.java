package net.overlay.core.vectors;

/** A vector file is not in the expected format; the message says where and what. */
public final class VectorFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    VectorFormatException(String message) {
        super(message);
    }
}
