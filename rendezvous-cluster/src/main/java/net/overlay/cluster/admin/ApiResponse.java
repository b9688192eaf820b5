package net.overlay.cluster.admin;

import java.nio.charset.StandardCharsets;

/**
 * One HTTP response of the admin API: status, content type and body text. Errors are JSON objects
 * {@code {"error": "...", "status": N}}. Immutable.
 */
public record ApiResponse(int status, String contentType, String body) {
    public static final String JSON = "application/json";

    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, JSON, body);
    }

    public static ApiResponse error(int status, String message) {
        return json(status, Json.error(status, message));
    }

    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
