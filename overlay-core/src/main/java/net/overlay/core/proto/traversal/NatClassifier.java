package net.overlay.core.proto.traversal;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The classification rules of NAT discovery as pure functions of what the tests observed, apart
 * from the machine that runs the tests so that each rule can be read and tested on its own.
 * Called by {@link NatDiscovery}.
 */
final class NatClassifier {

    /** A mapping the NAT created for one of our sockets, in the order the NAT created them. */
    record PortSample(int localPort, int mappedPort) {}

    /** The port allocation verdict and, for sequential allocation, its step. */
    record Allocation(Verdict<PortAllocation> verdict, int step) {}

    private NatClassifier() {}

    /**
     * RFC 5780 4.3: test I (primary address) gave {@code x1}, test II (alternate IP, primary port)
     * {@code x2}, test III (alternate IP and port) {@code x3}.
     */
    static MappingBehavior mapping(InetSocketAddress x1, InetSocketAddress x2, InetSocketAddress x3) {
        if (x2.equals(x1)) {
            return MappingBehavior.ENDPOINT_INDEPENDENT;
        }
        return x3.equals(x2) ? MappingBehavior.ADDRESS_DEPENDENT : MappingBehavior.ADDRESS_AND_PORT_DEPENDENT;
    }

    /**
     * RFC 5780 4.4: an answer to test II (change IP and port) means endpoint-independent filtering;
     * otherwise an answer to test III (change port) means address-dependent; neither means
     * address-and-port-dependent.
     */
    static FilteringBehavior filtering(boolean changeBothAnswered, boolean changePortAnswered) {
        if (changeBothAnswered) {
            return FilteringBehavior.ENDPOINT_INDEPENDENT;
        }
        return changePortAnswered ? FilteringBehavior.ADDRESS_DEPENDENT : FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT;
    }

    /**
     * Port allocation from the mappings seen, in creation order. Preserving when at least half kept
     * their local port (RFC 4787 4.2.1: a preserving NAT falls back to another port only when the
     * local one is taken). Otherwise at least three mappings are needed: sequential with step s when
     * every successive difference is the same s, 0 < |s| <= {@code maxStep}; random otherwise.
     */
    static Allocation allocation(List<PortSample> samples, int maxStep) {
        if (samples.isEmpty()) {
            return new Allocation(Verdict.undecided("no mapping observed"), 0);
        }
        long preserved = samples.stream().filter(s -> s.localPort() == s.mappedPort()).count();
        if (2 * preserved >= samples.size()) {
            return new Allocation(Verdict.decided(PortAllocation.PRESERVING), 0);
        }
        if (samples.size() < 3) {
            return new Allocation(Verdict.undecided(
                    "only " + samples.size() + " mapping(s) observed, 3 are needed to tell sequential from random"), 0);
        }
        int step = samples.get(1).mappedPort() - samples.get(0).mappedPort();
        for (int i = 2; i < samples.size(); i++) {
            if (samples.get(i).mappedPort() - samples.get(i - 1).mappedPort() != step) {
                return new Allocation(Verdict.decided(PortAllocation.RANDOM), 0);
            }
        }
        if (step == 0 || Math.abs(step) > maxStep) {
            return new Allocation(Verdict.decided(PortAllocation.RANDOM), 0);
        }
        return new Allocation(Verdict.decided(PortAllocation.SEQUENTIAL), step);
    }
}
