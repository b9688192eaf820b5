package net.overlay.core.node.keys;

import java.io.IOException;

/**
 * A key file that cannot be used: missing, too open (permissions), corrupt, of the wrong type, or
 * not matching its other half. The message names the file and, where there is one, the fix.
 */
public final class KeyFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
