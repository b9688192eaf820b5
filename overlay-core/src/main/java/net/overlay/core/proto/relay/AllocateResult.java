package net.overlay.core.proto.relay;

/** The answer of {@link Relay#allocate}: two tokens, or a refusal the rendezvous can act on. */
public sealed interface AllocateResult permits AllocateResult.Allocated, AllocateResult.Refused {

    /**
     * A new allocation. The rendezvous gives {@code clientToken} to the client and {@code
     * deviceToken} to the device (each side learns only its own); a side sends {@code
     * Relayed(itsToken, packet)} and receives {@code Relayed(itsToken, packet)}.
     *
     * @param expiresAtNs when it expires unless refreshed
     */
    record Allocated(long clientToken, long deviceToken, long expiresAtNs) implements AllocateResult {}

    /** No allocation was made. */
    record Refused(Reason reason) implements AllocateResult {}

    /** Why an allocation was refused. */
    enum Reason {
        /** The relay holds {@link RelayConfig#maxAllocations()} live allocations: try another node. */
        FULL,
        /** The random source gave no usable token in several draws: it is broken (all zeros, say). */
        NO_FRESH_TOKEN
    }
}
