package net.overlay.core.proto.stun;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** How a {@link BindingTransaction} ended. */
public sealed interface BindingOutcome {

    /**
     * A success response arrived.
     *
     * @param mapped         our server-reflexive address (XOR-MAPPED-ADDRESS, else MAPPED-ADDRESS)
     * @param responseOrigin where the server says it answered from (RFC 5780 RESPONSE-ORIGIN)
     * @param otherAddress   the server's alternate address (RFC 5780 OTHER-ADDRESS)
     * @param respondedFrom  where the response actually came from
     * @param transmits      requests sent before it arrived
     */
    record Success(
            InetSocketAddress mapped,
            Optional<InetSocketAddress> responseOrigin,
            Optional<InetSocketAddress> otherAddress,
            InetSocketAddress respondedFrom,
            int transmits) implements BindingOutcome {}

    /** An error response arrived (RFC 8489 14.8); {@code unknownAttributes} filled for 420. */
    record ErrorResponse(int code, String reason, List<Integer> unknownAttributes) implements BindingOutcome {
        public ErrorResponse {
            unknownAttributes = List.copyOf(unknownAttributes);
        }
    }

    /**
     * A response to our transaction that RFC 8489 says to treat as failure (no mapped address,
     * unknown comprehension-required attributes, an error response without ERROR-CODE).
     */
    record Invalid(String why) implements BindingOutcome {}

    /** No response within Rc sends and the final Rm x RTO wait (RFC 8489 6.2.1). */
    record TimedOut(int transmits) implements BindingOutcome {}
}
