package net.overlay.sim.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.overlay.core.nat.NatPreset;

/**
 * Reads a {@link DeviceSimSpec} from JSON (Jackson's tree model). Every error names the field, e.g.
 * {@code links.deviceEdgeMs: expected a number, got "fast"}; unknown fields are refused so that a
 * typo does not pass silently. Stateless and thread-safe.
 *
 * <p>Format (times in seconds or milliseconds as the names say; all fields but {@code devices} optional):
 * <pre>
 * {"devices": 10000, "connects": 1000, "minutes": 10, "seed": 1,
 *  "regions": [{"name": "eu-west", "latitude": 48.9, "longitude": 2.3, "share": 1}],
 *  "rendezvous": ["eu-west"],
 *  "natMix": {"port-restricted": 0.6, "symmetric-random": 0.4},
 *  "cellularShare": 0.3, "cellularNat": "cgnat-cellular",
 *  "links": {"deviceEdgeMs": 20, "clientEdgeMs": 30, "rendezvousEdgeMs": 10, "cellularEdgeMs": 40,
 *            "jitterMs": 0, "edgeLoss": 0,
 *            "burstLoss": {"goodToBad": 0.01, "badToGood": 0.3, "lossGood": 0, "lossBad": 0.5},
 *            "bottleneckKbit": 2000, "queueBytes": 65536, "cellularTrace": "synthetic"},
 *  "cgnat": {"subscribersPerBox": 64, "preset": "cgnat-cellular", "portBlock": 512, "hairpinning": false},
 *  "cascadedShare": 0.1, "sameNatConnectShare": 0.05,
 *  "registerSpreadSeconds": 60, "connectFromSeconds": 90, "clientLifetimeSeconds": 30,
 *  "crypto": "real", "clientExit": "close", "pingIntervalMs": 1000}
 * </pre>
 * {@code cgnat.preset} defaults to {@code cellularNat}, {@code cgnat.portBlock} to 0 (one shared pool),
 * {@code cgnat.hairpinning} to the preset's (off for every preset).
 */
public final class SpecReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("devices", "connects", "minutes", "seed", "regions", "rendezvous",
            "natMix", "cellularShare", "cellularNat", "links", "registerSpreadSeconds", "connectFromSeconds",
            "clientLifetimeSeconds", "cgnat", "cascadedShare", "sameNatConnectShare", "crypto", "clientExit",
            "pingIntervalMs");
    private static final Set<String> LINKS = Set.of("deviceEdgeMs", "clientEdgeMs", "rendezvousEdgeMs",
            "cellularEdgeMs", "jitterMs", "edgeLoss", "burstLoss", "bottleneckKbit", "queueBytes", "cellularTrace");
    private static final Set<String> CGNAT = Set.of("subscribersPerBox", "preset", "portBlock", "hairpinning");
    private static final Set<String> BURST = Set.of("goodToBad", "badToGood", "lossGood", "lossBad");
    private static final Set<String> REGION = Set.of("name", "latitude", "longitude", "share");

    private SpecReader() {}

    /** Parses {@code json}; IllegalArgumentException naming the field on any error. */
    public static DeviceSimSpec parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("the scenario must be a JSON object");
        refuseUnknown(root, TOP, "");
        int devices = (int) integer(root, "devices", "devices", -1, 1, 16_000_000);
        DeviceSimSpec base = DeviceSimSpec.bench(devices, number(root, "minutes", "minutes", 10, 1e-3, 1e6),
                (int) integer(root, "connects", "connects", 0, 0, 16_000_000), integer(root, "seed", "seed", 1,
                        Long.MIN_VALUE, Long.MAX_VALUE));
        List<DeviceSimSpec.RegionSpec> regions = root.has("regions") ? regions(root.get("regions")) : base.regions();
        List<String> rendezvous = root.has("rendezvous") ? strings(root.get("rendezvous"), "rendezvous")
                : List.of(regions.getFirst().name());
        Map<NatPreset, Double> mix = root.has("natMix") ? natMix(root.get("natMix")) : base.natMix();
        DeviceSimSpec.Links links = root.has("links") ? links(root.get("links")) : base.links();
        NatPreset cellularNat = root.has("cellularNat") ? preset(root.get("cellularNat"), "cellularNat") : base.cellularNat();
        DeviceSimSpec.Cgnat cgnat = root.has("cgnat") ? cgnat(root.get("cgnat"), cellularNat) : null;
        double cascaded = number(root, "cascadedShare", "cascadedShare", 0, 0, 1);
        double sameNat = number(root, "sameNatConnectShare", "sameNatConnectShare", 0, 0, 1);
        if (cgnat == null && cascaded > 0) throw new IllegalArgumentException("cascadedShare: needs a cgnat section");
        if (cgnat == null && sameNat > 0) throw new IllegalArgumentException("sameNatConnectShare: needs a cgnat section");
        try {
            return new DeviceSimSpec(base.devices(), base.connects(), base.durationNs(), base.seed(), regions, rendezvous,
                    mix, number(root, "cellularShare", "cellularShare", base.cellularShare(), 0, 1), cellularNat, links,
                    seconds(root, "registerSpreadSeconds", base.registerSpreadNs()),
                    seconds(root, "connectFromSeconds", base.connectFromNs()),
                    seconds(root, "clientLifetimeSeconds", base.clientLifetimeNs()), cgnat, cascaded, sameNat,
                    crypto(root), clientExit(root),
                    (long) (number(root, "pingIntervalMs", "pingIntervalMs", base.pingIntervalNs() / 1e6, 0, 1e7) * 1e6));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("scenario: " + e.getMessage(), e);
        }
    }

    private static DeviceSimSpec.Crypto crypto(JsonNode root) {
        return choice(root, "crypto", DeviceSimSpec.Crypto.REAL,
                Map.of("real", DeviceSimSpec.Crypto.REAL, "modelled", DeviceSimSpec.Crypto.MODELLED));
    }

    private static DeviceSimSpec.ClientExit clientExit(JsonNode root) {
        return choice(root, "clientExit", DeviceSimSpec.ClientExit.CLOSE,
                Map.of("close", DeviceSimSpec.ClientExit.CLOSE, "vanish", DeviceSimSpec.ClientExit.VANISH));
    }

    /** A field that names one of {@code choices}, or {@code dflt} when absent. */
    private static <E> E choice(JsonNode root, String field, E dflt, Map<String, E> choices) {
        JsonNode n = root.get(field);
        if (n == null) return dflt;
        E e = n.isTextual() ? choices.get(n.asText()) : null;
        if (e == null) {
            throw new IllegalArgumentException(field + ": must be one of " + new java.util.TreeSet<>(choices.keySet())
                    + ", got " + n);
        }
        return e;
    }

    private static void refuseUnknown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new IllegalArgumentException(prefix + f + ": unknown field; known: " + String.join(", ", known));
            }
        }
    }

    private static long seconds(JsonNode root, String field, long defaultNs) {
        return (long) (number(root, field, field, defaultNs / 1e9, 0, 1e7) * 1e9);
    }

    private static double number(JsonNode parent, String field, String path, double dflt, double min, double max) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) return dflt;
        if (!n.isNumber()) throw new IllegalArgumentException(path + ": expected a number, got " + n);
        double v = n.doubleValue();
        if (!(v >= min && v <= max)) throw new IllegalArgumentException(path + ": must be in [" + min + ", " + max + "], got " + v);
        return v;
    }

    private static long integer(JsonNode parent, String field, String path, long dflt, long min, long max) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            if (dflt < min) throw new IllegalArgumentException(path + ": required");
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException(path + ": expected an integer, got " + n);
        }
        long v = n.longValue();
        if (v < min || v > max) throw new IllegalArgumentException(path + ": must be in [" + min + ", " + max + "], got " + v);
        return v;
    }

    private static List<DeviceSimSpec.RegionSpec> regions(JsonNode n) {
        if (!n.isArray() || n.isEmpty()) throw new IllegalArgumentException("regions: expected a non-empty array");
        List<DeviceSimSpec.RegionSpec> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode r = n.get(i);
            String path = "regions[" + i + "]";
            if (!r.isObject()) throw new IllegalArgumentException(path + ": expected an object");
            refuseUnknown(r, REGION, path + ".");
            JsonNode name = r.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw new IllegalArgumentException(path + ".name: expected a non-empty string");
            }
            if (out.stream().anyMatch(g -> g.name().equals(name.asText()))) {
                throw new IllegalArgumentException(path + ".name: '" + name.asText() + "' appears twice");
            }
            out.add(new DeviceSimSpec.RegionSpec(name.asText(), number(r, "latitude", path + ".latitude", 0, -90, 90),
                    number(r, "longitude", path + ".longitude", 0, -180, 180), number(r, "share", path + ".share", 1, 0, 1e9)));
        }
        return out;
    }

    private static List<String> strings(JsonNode n, String path) {
        if (!n.isArray() || n.isEmpty()) throw new IllegalArgumentException(path + ": expected a non-empty array of region names");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) throw new IllegalArgumentException(path + "[" + i + "]: expected a string");
            out.add(n.get(i).asText());
        }
        return out;
    }

    private static Map<NatPreset, Double> natMix(JsonNode n) {
        if (!n.isObject() || n.isEmpty()) throw new IllegalArgumentException("natMix: expected an object of preset: weight");
        Map<NatPreset, Double> mix = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            NatPreset p;
            try {
                p = NatPreset.fromId(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("natMix." + e.getKey() + ": " + ex.getMessage());
            }
            mix.put(p, number(n, e.getKey(), "natMix." + e.getKey(), 0, 0, 1e9));
        }
        return mix;
    }

    private static NatPreset preset(JsonNode n, String path) {
        if (!n.isTextual()) throw new IllegalArgumentException(path + ": expected a preset name");
        try {
            return NatPreset.fromId(n.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage());
        }
    }

    private static DeviceSimSpec.Links links(JsonNode n) {
        if (!n.isObject()) throw new IllegalArgumentException("links: expected an object");
        refuseUnknown(n, LINKS, "links.");
        DeviceSimSpec.Links d = DeviceSimSpec.Links.DEFAULT;
        return new DeviceSimSpec.Links(ms(n, "deviceEdgeMs", d.deviceEdgeNs()), ms(n, "clientEdgeMs", d.clientEdgeNs()),
                ms(n, "rendezvousEdgeMs", d.rendezvousEdgeNs()), ms(n, "cellularEdgeMs", d.cellularEdgeNs()),
                ms(n, "jitterMs", d.jitterNs()), number(n, "edgeLoss", "links.edgeLoss", 0, 0, 0.999),
                n.has("burstLoss") ? burst(n.get("burstLoss")) : DeviceSimSpec.GilbertElliott.NONE, bottleneck(n));
    }

    private static DeviceSimSpec.Cgnat cgnat(JsonNode n, NatPreset cellularNat) {
        if (!n.isObject()) throw new IllegalArgumentException("cgnat: expected an object");
        refuseUnknown(n, CGNAT, "cgnat.");
        NatPreset preset = n.has("preset") ? preset(n.get("preset"), "cgnat.preset") : cellularNat;
        if (preset.config() == null) throw new IllegalArgumentException("cgnat.preset: 'open' is no NAT");
        int perBox = (int) integer(n, "subscribersPerBox", "cgnat.subscribersPerBox", 64, 1, 1_000_000);
        int block = (int) integer(n, "portBlock", "cgnat.portBlock", 0, 0, preset.config().portCount());
        JsonNode h = n.get("hairpinning");
        if (h != null && !h.isBoolean()) throw new IllegalArgumentException("cgnat.hairpinning: expected true or false, got " + h);
        return new DeviceSimSpec.Cgnat(perBox, preset, block, h == null ? preset.config().hairpinning() : h.booleanValue());
    }

    private static DeviceSimSpec.Bottleneck bottleneck(JsonNode n) {
        long kbit = integer(n, "bottleneckKbit", "links.bottleneckKbit", 0, 0, 100_000_000);
        long queue = integer(n, "queueBytes", "links.queueBytes", DeviceSimSpec.Bottleneck.NONE.queueBytes(), 1, 1L << 32);
        JsonNode t = n.get("cellularTrace");
        String trace = null;
        if (t != null && !t.isNull()) {
            if (!t.isTextual() || t.asText().isBlank()) {
                throw new IllegalArgumentException("links.cellularTrace: expected \"synthetic\" or a Mahimahi file's path, got " + t);
            }
            trace = t.asText();
            if (!trace.equals("synthetic")) AccessLinks.readTrace(trace, 0); // fails now, naming the field
        }
        return new DeviceSimSpec.Bottleneck(kbit, queue, trace);
    }

    private static DeviceSimSpec.GilbertElliott burst(JsonNode n) {
        if (!n.isObject()) throw new IllegalArgumentException("links.burstLoss: expected an object");
        refuseUnknown(n, BURST, "links.burstLoss.");
        return new DeviceSimSpec.GilbertElliott(number(n, "goodToBad", "links.burstLoss.goodToBad", 0, 0, 1),
                number(n, "badToGood", "links.burstLoss.badToGood", 1, 0, 1),
                number(n, "lossGood", "links.burstLoss.lossGood", 0, 0, 1),
                number(n, "lossBad", "links.burstLoss.lossBad", 0, 0, 1));
    }

    private static long ms(JsonNode n, String field, long defaultNs) {
        return (long) (number(n, field, "links." + field, defaultNs / 1e6, 0, 1e6) * 1e6);
    }
}
