package net.overlay.core.vectors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.wire.Bytes;

/**
 * Reads the cacophony JSON vector format: {@code {"vectors": [{"protocol_name": ..., "init_prologue":
 * hex, "init_ephemeral": hex, "messages": [{"payload": hex, "ciphertext": hex}], ...}]}}. Every
 * problem (bad JSON, a missing field, bad hex) becomes a {@link VectorFormatException} naming the
 * vector and the field. Used by {@link NoiseVectorCheck}.
 */
final class NoiseVectorReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NoiseVectorReader() {}

    static List<NoiseVector> read(Path file) throws IOException, VectorFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(MAPPER.readTree(in));
        } catch (JacksonException e) {
            throw badJson(e);
        }
    }

    static List<NoiseVector> parse(String json) throws VectorFormatException {
        try {
            return parse(MAPPER.readTree(json));
        } catch (JacksonException e) {
            throw badJson(e);
        }
    }

    private static VectorFormatException badJson(JacksonException e) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new VectorFormatException("not valid JSON" + where + ": " + e.getOriginalMessage());
    }

    private static List<NoiseVector> parse(JsonNode root) throws VectorFormatException {
        JsonNode vectors = root == null ? null : root.get("vectors");
        if (vectors == null || !vectors.isArray()) {
            throw new VectorFormatException("no \"vectors\" array at the top level");
        }
        List<NoiseVector> out = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            out.add(vector(i, vectors.get(i)));
        }
        return out;
    }

    private static NoiseVector vector(int index, JsonNode v) throws VectorFormatException {
        Fields f = new Fields(index, v);
        String name = f.text("protocol_name");
        return new NoiseVector(index, name,
                f.hex("init_prologue", true), f.hexList("init_psks"), f.hex("init_static", false),
                f.hex("init_ephemeral", true), f.hex("init_remote_static", false),
                f.hex("resp_prologue", true), f.hexList("resp_psks"), f.hex("resp_static", false),
                f.hex("resp_ephemeral", false), f.hex("resp_remote_static", false),
                f.hex("handshake_hash", false), f.messages());
    }

    /** Field access for one vector, with errors that say where. */
    private record Fields(int index, JsonNode node) {

        String text(String field) throws VectorFormatException {
            JsonNode n = node.get(field);
            if (n == null || !n.isTextual()) {
                throw error(field, n == null ? "missing" : "not a string");
            }
            return n.asText();
        }

        Bytes hex(String field, boolean required) throws VectorFormatException {
            JsonNode n = node.get(field);
            if (n == null || n.isNull()) {
                if (required) {
                    throw error(field, "missing");
                }
                return null;
            }
            return parseHex(field, n);
        }

        List<Bytes> hexList(String field) throws VectorFormatException {
            JsonNode n = node.get(field);
            if (n == null || n.isNull()) {
                return List.of();
            }
            if (!n.isArray()) {
                throw error(field, "not an array");
            }
            List<Bytes> out = new ArrayList<>();
            for (JsonNode item : n) {
                out.add(parseHex(field, item));
            }
            return out;
        }

        List<NoiseVector.Message> messages() throws VectorFormatException {
            JsonNode n = node.get("messages");
            if (n == null || !n.isArray()) {
                throw error("messages", n == null ? "missing" : "not an array");
            }
            List<NoiseVector.Message> out = new ArrayList<>();
            for (JsonNode m : n) {
                Fields f = new Fields(index, m);
                out.add(new NoiseVector.Message(f.hex("payload", true), f.hex("ciphertext", true)));
            }
            return out;
        }

        private Bytes parseHex(String field, JsonNode n) throws VectorFormatException {
            if (!n.isTextual()) {
                throw error(field, "not a hex string");
            }
            try {
                return Bytes.fromHex(n.asText());
            } catch (IllegalArgumentException e) {
                throw error(field, "bad hex");
            }
        }

        private VectorFormatException error(String field, String problem) {
            return new VectorFormatException("vector #" + index + ": field '" + field + "' " + problem);
        }
    }
}
