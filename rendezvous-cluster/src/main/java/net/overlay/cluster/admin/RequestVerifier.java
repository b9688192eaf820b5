package net.overlay.cluster.admin;

import java.util.Base64;
import java.util.Optional;
import net.overlay.core.proto.crypto.Ed25519;
import net.overlay.core.proto.identity.PeerId;

/**
 * Checks a signed request ({@link RequestSigning}): the four headers present and well-formed, the
 * timestamp within the window of this node's clock, the signature over the canonical bytes, and
 * last the nonce unseen (recorded only once the signature verified, so that forged requests cannot
 * fill the replay cache). Whether the signer may do what it asks is the caller's decision.
 * Never throws on any header content. Thread-safe.
 */
final class RequestVerifier {

    /** The outcome: the verified signer, or a refusal with a reason for the caller and a metric label. */
    sealed interface Outcome {}

    record Verified(PeerId signer) implements Outcome {}

    record Refused(String label, String message) implements Outcome {}

    private final long windowMs;
    private final ReplayCache replays;

    RequestVerifier(long windowMs, int replayCacheMaxEntries) {
        this.windowMs = windowMs;
        this.replays = new ReplayCache(replayCacheMaxEntries);
    }

    Outcome verify(ApiRequest request, long nowMs) {
        Optional<String> key = request.header(RequestSigning.KEY_HEADER);
        Optional<String> ts = request.header(RequestSigning.TIMESTAMP_HEADER);
        Optional<String> nonce = request.header(RequestSigning.NONCE_HEADER);
        Optional<String> sig = request.header(RequestSigning.SIGNATURE_HEADER);
        if (key.isEmpty() || ts.isEmpty() || nonce.isEmpty() || sig.isEmpty()) {
            return new Refused("unsigned", "request is not signed: headers " + RequestSigning.KEY_HEADER + ", "
                    + RequestSigning.TIMESTAMP_HEADER + ", " + RequestSigning.NONCE_HEADER + " and "
                    + RequestSigning.SIGNATURE_HEADER + " are required");
        }
        PeerId signer;
        long timestampMs;
        byte[] signature;
        try {
            signer = PeerId.parse(key.get());
            timestampMs = Long.parseLong(ts.get());
            signature = Base64.getDecoder().decode(sig.get());
        } catch (IllegalArgumentException e) {
            return new Refused("malformed", "malformed signature headers: " + e.getMessage());
        }
        if (!isNonce(nonce.get()) || signature.length != Ed25519.SIGNATURE_BYTES) {
            return new Refused("malformed", "malformed signature headers: the nonce is 32 lowercase hex digits, "
                    + "the signature 64 bytes in base64");
        }
        if (Math.abs(nowMs - timestampMs) > windowMs) {
            return new Refused("stale", "request timestamp is " + (timestampMs - nowMs) + " ms from the server's "
                    + "clock; allowed +-" + windowMs + " ms (check the clocks)");
        }
        byte[] message = RequestSigning.canonical(request.method(), request.target(), request.body().toArray(),
                timestampMs, nonce.get());
        if (!signer.verifies(message, 0, message.length, signature)) {
            return new Refused("bad_signature", "signature does not verify for key " + signer);
        }
        return switch (replays.offer(signer.text() + "/" + nonce.get(), nowMs, timestampMs + windowMs + 1)) {
            case FIRST -> new Verified(signer);
            case REPLAYED -> new Refused("replayed", "nonce already used: request replayed");
            case FULL -> new Refused("replay_cache_full", "too many signed requests in the window; retry later");
        };
    }

    private static boolean isNonce(String s) {
        return s.length() == 2 * RequestSigning.NONCE_BYTES
                && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
