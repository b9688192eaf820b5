package net.overlay.lab.testbed;

/** A tool run by the testbed failed; the message holds the command and the tool's own error text. */
public final class TestbedException extends RuntimeException {
    public TestbedException(String message) {
        super(message);
    }
}
