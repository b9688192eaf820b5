package net.overlay.cluster.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.overlay.cluster.store.DirectoryState;
import net.overlay.cluster.store.UserRole;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.rendezvous.Directory.DeviceRecord;

/**
 * The admin API's JSON: request bodies as records (strict: unknown fields, trailing data and
 * missing primitives are errors), and the JSON shapes of users, devices, grants and claim codes.
 * Thread-safe (the mapper is configured once).
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** {@code POST /api/users}. */
    record NewUser(String key, String role) {}

    /** {@code POST /api/devices}. */
    record NewDevice(String name, String key, String owner) {}

    /** {@code POST /api/grants}: the owner-signed grant, base64 of its wire encoding. */
    record NewGrant(String grant) {}

    /** {@code POST /api/claim-codes}; {@code device} and {@code ttlSeconds} optional. */
    record NewClaimCode(String owner, String device, Long ttlSeconds) {}

    /** {@code POST /claim}, signed by the device's own key. */
    record Claim(String code, String device, String key) {}

    /** A body that is not the JSON the route expects. */
    static final class BadJson extends Exception {
        BadJson(String message) {
            super(message);
        }
    }

    private Json() {}

    static <T> T read(byte[] body, Class<T> type) throws BadJson {
        if (body.length == 0) {
            throw new BadJson("request body is empty; expected a JSON object");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new BadJson("expected a JSON object, got null");
            }
            return value;
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new BadJson("malformed JSON body: " + detail);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static String error(int status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("status", status);
        return write(m);
    }

    static Map<String, Object> user(PeerId key, UserRole role) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key.text());
        m.put("role", role.text());
        return m;
    }

    static Map<String, Object> device(DeviceRecord d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.id().name());
        m.put("key", d.deviceKey().text());
        m.put("owner", d.owner().text());
        return m;
    }

    static Map<String, Object> grant(Grant g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", g.device().name());
        m.put("user", g.user().text());
        m.put("owner", g.owner().text());
        m.put("services", List.copyOf(g.services()));
        m.put("role", g.role().name().toLowerCase(java.util.Locale.ROOT));
        m.put("notAfterMs", g.notAfterMs());
        m.put("grant", Base64.getEncoder().encodeToString(g.encode()));
        return m;
    }

    static Map<String, Object> claimCode(DirectoryState.ClaimCode c, long nowMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.codeHash().substring(0, 16));
        m.put("owner", c.owner().text());
        m.put("device", c.device());
        m.put("expiresAtMs", c.expiresAtMs());
        m.put("expired", nowMs >= c.expiresAtMs());
        return m;
    }
}
