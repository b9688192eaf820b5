package net.overlay.cluster.admin;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.overlay.core.proto.wire.Bytes;

/**
 * One HTTP request as the admin API sees it, independent of the server library: method, path,
 * raw query (or empty), headers (names case-insensitive), and the whole body. Immutable.
 */
public record ApiRequest(String method, String path, String rawQuery, Map<String, String> headers, Bytes body) {

    public ApiRequest {
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(h);
        method = method.toUpperCase(Locale.ROOT);
        rawQuery = rawQuery == null ? "" : rawQuery;
    }

    /** The request target as signed: the path, plus {@code ?query} when there is one. */
    public String target() {
        return rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
