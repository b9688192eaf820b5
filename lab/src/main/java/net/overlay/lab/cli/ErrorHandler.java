package net.overlay.lab.cli;

import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one clear line on stderr and exit status 1; the
 * stack trace only with {@code OVERLAY_DEBUG=1}. Bad input is the user's to fix, not a crash.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println(cmd.getColorScheme().errorText("overlay " + cmd.getCommandName() + ": " + message));
        if ("1".equals(System.getenv("OVERLAY_DEBUG"))) {
            ex.printStackTrace(cmd.getErr());
        }
        return 1;
    }
}
