package net.overlay.cluster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.overlay.cluster.admin.RequestVerifier.Refused;
import net.overlay.cluster.admin.RequestVerifier.Verified;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

/** Signature checks without HTTP: the window's edges, the replay cache's bound, hostile headers. */
class RequestVerifierTest {
    private static final long NOW_MS = 1_800_000_000_000L;
    private static final long WINDOW_MS = 30_000;

    private final RandomSource random = RandomSource.seeded(13);
    private final Identity admin = Identity.generate(random);

    private ApiRequest signed(String method, String path, String query, String body, long timestampMs) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = RequestSigning.sign(admin, method, query.isEmpty() ? path : path + "?" + query, b,
                timestampMs, RequestSigning.newNonce(random));
        return new ApiRequest(method, path, query, h, Bytes.of(b));
    }

    @Test
    void theWindowIncludesItsEdgesAndNothingBeyond() {
        RequestVerifier v = new RequestVerifier(WINDOW_MS, 100);
        assertThat(v.verify(signed("GET", "/api/users", "", "", NOW_MS - WINDOW_MS), NOW_MS)).isInstanceOf(Verified.class);
        assertThat(v.verify(signed("GET", "/api/users", "", "", NOW_MS + WINDOW_MS), NOW_MS)).isInstanceOf(Verified.class);
        assertThat(v.verify(signed("GET", "/api/users", "", "", NOW_MS - WINDOW_MS - 1), NOW_MS))
                .isEqualTo(new Refused("stale", "request timestamp is -30001 ms from the server's clock; allowed +-30000 ms"
                        + " (check the clocks)"));
    }

    @Test
    void theQueryIsSignedToo() {
        RequestVerifier v = new RequestVerifier(WINDOW_MS, 100);
        ApiRequest r = signed("GET", "/api/grants", "device=a", "", NOW_MS);
        ApiRequest other = new ApiRequest("GET", "/api/grants", "device=b", r.headers(), r.body());
        assertThat(v.verify(other, NOW_MS)).isInstanceOf(Refused.class);
        assertThat(((Refused) v.verify(other, NOW_MS)).label()).isEqualTo("bad_signature");
    }

    @Test
    void aFullReplayCacheRefusesUntilEntriesLeaveTheWindow() {
        RequestVerifier v = new RequestVerifier(WINDOW_MS, 2);
        assertThat(v.verify(signed("GET", "/api/users", "", "", NOW_MS), NOW_MS)).isInstanceOf(Verified.class);
        assertThat(v.verify(signed("GET", "/api/users", "", "", NOW_MS), NOW_MS)).isInstanceOf(Verified.class);
        assertThat(((Refused) v.verify(signed("GET", "/api/users", "", "", NOW_MS), NOW_MS)).label())
                .isEqualTo("replay_cache_full");
        long later = NOW_MS + WINDOW_MS + 1;
        assertThat(v.verify(signed("GET", "/api/users", "", "", later), later)).isInstanceOf(Verified.class);
    }

    @Property(tries = 300)
    void anyHeaderValuesAreRefusedNotThrown(@ForAll String key, @ForAll String ts, @ForAll String nonce,
            @ForAll String sig) {
        Map<String, String> h = new HashMap<>();
        h.put(RequestSigning.KEY_HEADER, key);
        h.put(RequestSigning.TIMESTAMP_HEADER, ts);
        h.put(RequestSigning.NONCE_HEADER, nonce);
        h.put(RequestSigning.SIGNATURE_HEADER, sig);
        RequestVerifier v = new RequestVerifier(WINDOW_MS, 10);
        assertThat(v.verify(new ApiRequest("POST", "/api/users", "", h, Bytes.EMPTY), NOW_MS)).isInstanceOf(Refused.class);
    }
}
