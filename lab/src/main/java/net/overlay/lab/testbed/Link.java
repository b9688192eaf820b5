package net.overlay.lab.testbed;

/**
 * A veth pair between two namespaces. Interface names are short and local to each namespace (the
 * pair is created directly inside them), so parallel testbeds with other prefixes never collide.
 *
 * @param nsA first namespace
 * @param ifA interface name in {@code nsA}
 * @param nsB second namespace
 * @param ifB interface name in {@code nsB}
 */
public record Link(String nsA, String ifA, String nsB, String ifB) {
}
