package net.overlay.lab.testbed;

import java.util.List;

/**
 * One tool invocation of a plan: an argument vector and optional standard input (nft scripts).
 *
 * @param argv the program and its arguments, e.g. {@code [ip, netns, add, ovl-inet]}
 * @param stdin text fed to the program, or empty
 * @param mayFail true when a failure is expected and harmless (removing what may not exist)
 */
public record Cmd(List<String> argv, String stdin, boolean mayFail) {

    public Cmd {
        argv = List.copyOf(argv);
    }

    public static Cmd of(String... argv) {
        return new Cmd(List.of(argv), "", false);
    }

    /** The same command run inside network namespace {@code ns}. */
    public static Cmd in(String ns, String... argv) {
        String[] full = new String[argv.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = ns;
        System.arraycopy(argv, 0, full, 4, argv.length);
        return of(full);
    }

    public Cmd withStdin(String text) {
        return new Cmd(argv, text, mayFail);
    }

    Cmd allowingFailure() {
        return new Cmd(argv, stdin, true);
    }

    @Override
    public String toString() {
        return String.join(" ", argv) + (stdin.isEmpty() ? "" : " <<script");
    }
}
