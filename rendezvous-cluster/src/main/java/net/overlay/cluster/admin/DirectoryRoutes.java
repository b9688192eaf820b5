package net.overlay.cluster.admin;

import java.net.URLDecoder;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import net.overlay.cluster.store.ClaimCodes;
import net.overlay.cluster.store.StoreClient;
import net.overlay.cluster.store.StoreCommand;
import net.overlay.cluster.store.StoreReply;
import net.overlay.cluster.store.UserRole;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.MalformedStatementException;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.spi.RandomSource;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The resources of the admin API, called by {@link AdminApi} once the request is authenticated:
 *
 * <pre>
 * GET    /api/users                    POST /api/users {key, role}         DELETE /api/users/KEY
 * GET    /api/devices                  POST /api/devices {name, key, owner} DELETE /api/devices/NAME
 * GET    /api/grants[?device=NAME]     POST /api/grants {grant}             DELETE /api/grants/NAME/USER
 * GET    /api/claim-codes              POST /api/claim-codes {owner, device?, ttlSeconds?}
 * POST   /claim {code, device?, key}   (signed by the device key)
 * </pre>
 *
 * Lists come from this node's read model; writes go to the aggregate and answer once this node's
 * read model shows them. Thread-safe.
 */
final class DirectoryRoutes {
    private final StoreClient store;
    private final LongSupplier clockMs;
    private final RandomSource random;

    DirectoryRoutes(StoreClient store, LongSupplier clockMs, RandomSource random) {
        this.store = store;
        this.clockMs = clockMs;
        this.random = random;
    }

    CompletionStage<ApiResponse> admin(ApiRequest r) {
        List<String> seg = List.of(r.path().substring(1).split("/", -1));
        String resource = seg.size() > 1 ? seg.get(1) : "";
        String action = r.method() + " " + resource + "/" + (seg.size() - 2);
        try {
            return switch (action) {
                case "GET users/0" -> list("users", () -> store.view().state().users().stream()
                        .map(e -> Json.user(e.getKey(), e.getValue())).toList());
                case "POST users/0" -> addUser(Json.read(r.body().toArray(), Json.NewUser.class));
                case "DELETE users/1" -> write(200, rt -> new StoreCommand.RemoveUser(seg.get(2), now(), rt),
                        () -> Map.of("removed", seg.get(2)));
                case "GET devices/0" -> list("devices", () -> store.view().state().devices().stream()
                        .map(Json::device).toList());
                case "POST devices/0" -> addDevice(Json.read(r.body().toArray(), Json.NewDevice.class));
                case "DELETE devices/1" -> write(200, rt -> new StoreCommand.RemoveDevice(seg.get(2), now(), rt),
                        () -> Map.of("removed", seg.get(2)));
                case "GET grants/0" -> listGrants(query(r.rawQuery(), "device"));
                case "POST grants/0" -> addGrant(Json.read(r.body().toArray(), Json.NewGrant.class));
                case "DELETE grants/2" -> write(200,
                        rt -> new StoreCommand.RevokeGrant(seg.get(3), seg.get(2), now(), rt),
                        () -> Map.of("revoked", Map.of("device", seg.get(2), "user", seg.get(3))));
                case "GET claim-codes/0" -> list("claimCodes", () -> store.view().state().claimCodes().stream()
                        .map(c -> Json.claimCode(c, now())).toList());
                case "POST claim-codes/0" -> issueClaimCode(Json.read(r.body().toArray(), Json.NewClaimCode.class));
                default -> AdminApi.done(knownResource(resource)
                        ? ApiResponse.error(405, r.method() + " " + r.path() + " is not supported")
                        : ApiResponse.error(404, "no such endpoint: " + r.path()));
            };
        } catch (Json.BadJson e) {
            return AdminApi.done(ApiResponse.error(400, e.getMessage()));
        }
    }

    CompletionStage<ApiResponse> claim(ApiRequest r, PeerId signer) {
        Json.Claim c;
        try {
            c = Json.read(r.body().toArray(), Json.Claim.class);
        } catch (Json.BadJson e) {
            return AdminApi.done(ApiResponse.error(400, e.getMessage()));
        }
        if (c.key() == null || !c.key().strip().equals(signer.text())) {
            return AdminApi.done(ApiResponse.error(401, "a claim must be signed by the device key it registers"));
        }
        String hash;
        try {
            hash = ClaimCodes.hash(c.code());
        } catch (IllegalArgumentException e) {
            return AdminApi.done(ApiResponse.error(400, e.getMessage()));
        }
        String device = c.device() == null ? "" : c.device();
        return write(201, rt -> new StoreCommand.RedeemClaimCode(hash, device, signer.text(), now(), rt),
                () -> store.view().state().deviceWithKey(signer).<Object>map(Json::device)
                        .orElse(Map.of("key", signer.text())));
    }

    private CompletionStage<ApiResponse> addUser(Json.NewUser u) {
        UserRole role;
        try {
            role = UserRole.parse(u.role());
        } catch (IllegalArgumentException e) {
            return AdminApi.done(ApiResponse.error(400, e.getMessage()));
        }
        return write(201, rt -> new StoreCommand.AddUser(u.key(), role, now(), rt), () -> Json.user(
                PeerId.parse(u.key()), role));
    }

    private CompletionStage<ApiResponse> addDevice(Json.NewDevice d) {
        return write(201, rt -> new StoreCommand.AddDevice(d.name(), d.key(), d.owner(), now(), rt),
                () -> store.view().device(new DeviceId(d.name())).<Object>map(Json::device)
                        .orElse(Map.of("name", d.name())));
    }

    private CompletionStage<ApiResponse> addGrant(Json.NewGrant g) {
        // The body is only built once the aggregate accepted the grant, so it decodes.
        return write(201, rt -> new StoreCommand.PutGrant(g.grant(), now(), rt), () -> {
            try {
                return Json.grant(Grant.decode(Base64.getDecoder().decode(g.grant())));
            } catch (MalformedStatementException e) {
                throw new IllegalStateException("an accepted grant no longer decodes", e);
            }
        });
    }

    private CompletionStage<ApiResponse> issueClaimCode(Json.NewClaimCode c) {
        long maxTtlMs = store.settings().claimCodeMaxTtlMs();
        if (c.ttlSeconds() != null && (c.ttlSeconds() <= 0 || c.ttlSeconds() > maxTtlMs / 1000)) {
            return AdminApi.done(ApiResponse.error(400, "ttlSeconds must be between 1 and "
                    + maxTtlMs / 1000));
        }
        long ttlMs = c.ttlSeconds() == null ? store.settings().claimCodeTtlMs() : c.ttlSeconds() * 1000;
        String code = ClaimCodes.generate(random);
        long nowMs = now();
        long expiresAtMs = nowMs + ttlMs;
        return write(201, rt -> new StoreCommand.IssueClaimCode(ClaimCodes.hash(code), c.owner(), c.device(),
                expiresAtMs, nowMs, rt), () -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("code", code);
                    m.put("owner", c.owner());
                    m.put("device", c.device() == null ? "" : c.device());
                    m.put("expiresAtMs", expiresAtMs);
                    return m;
                });
    }

    private CompletionStage<ApiResponse> listGrants(Optional<String> device) {
        return list("grants", () -> store.view().state().grants().stream()
                .filter(g -> device.isEmpty() || g.device().name().equals(device.get()))
                .map(Json::grant).toList());
    }

    private CompletionStage<ApiResponse> list(String field, Supplier<List<?>> items) {
        return AdminApi.done(ApiResponse.json(200, Json.write(Map.of(field, items.get()))));
    }

    /** Sends a write; on success answers {@code okStatus} with {@code body}, else the refusal. */
    private CompletionStage<ApiResponse> write(int okStatus, Function<ActorRef<StoreReply>, StoreCommand> command,
            Supplier<Object> body) {
        return store.ask(command).handle((reply, e) -> {
            if (e != null) {
                return ApiResponse.error(503, "store unavailable: " + rootMessage(e));
            }
            return switch (reply) {
                case StoreReply.Done d -> ApiResponse.json(okStatus, Json.write(body.get()));
                case StoreReply.Rejected rej -> ApiResponse.error(switch (rej.reason()) {
                    case INVALID -> 400;
                    case NOT_FOUND -> 404;
                    case CONFLICT -> 409;
                }, rej.message());
            };
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static boolean knownResource(String resource) {
        return List.of("users", "devices", "grants", "claim-codes").contains(resource);
    }

    private static Optional<String> query(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.of(pair.substring(eq + 1));
                }
            }
        }
        return Optional.empty();
    }

    private long now() {
        return clockMs.getAsLong();
    }
}
