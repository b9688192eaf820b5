package net.overlay.lab.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.overlay.core.node.SystemRandomSource;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.identity.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./overlay admin grants ...} and {@code ./overlay admin claim ...}. A grant is signed here,
 * with the device owner's key ({@code --owner-key}, by default the admin's {@code --key}): the node
 * stores and forwards it but cannot sign one itself (docs/crypto.md).
 */
final class AdminGrantCommands {
    private static final long DAY_MS = 86_400_000L;

    private AdminGrantCommands() {}

    @Command(name = "grants", description = "Owner-signed grants: which user may reach which services of a device.",
            subcommands = {ListGrants.class, AddGrant.class, RevokeGrant.class})
    static final class Grants {}

    @Command(name = "list", description = "List grants.")
    static final class ListGrants extends AdminCommand.Call {
        @Option(names = "--device", paramLabel = "NAME", description = "Only this device's grants.")
        String device;

        @Override
        public Integer call() throws IOException {
            String target = device == null ? "/api/grants"
                    : "/api/grants?device=" + URLEncoder.encode(device, StandardCharsets.UTF_8);
            return send("GET", target, null, n -> n.get("grants").forEach(g -> out().println(
                    g.get("device").asText() + "  user " + g.get("user").asText() + "  services "
                            + g.get("services").toString() + "  role " + g.get("role").asText() + "  until "
                            + Instant.ofEpochMilli(g.get("notAfterMs").asLong()))));
        }
    }

    @Command(name = "add", description = "Sign a grant with the owner's key and store it.")
    static final class AddGrant extends AdminCommand.Call {
        @Option(names = "--device", required = true, paramLabel = "NAME")
        String device;

        @Option(names = "--user", required = true, paramLabel = "KEY", description = "The grant holder's peer id.")
        String user;

        @Option(names = "--services", required = true, split = ",", paramLabel = "NAME",
                description = "Services granted, comma-separated (http,ssh).")
        List<String> services;

        @Option(names = "--role", defaultValue = "user", description = "user or admin (default ${DEFAULT-VALUE}).")
        String role;

        @Option(names = "--days", defaultValue = "30", description = "Validity in days (default ${DEFAULT-VALUE}).")
        long days;

        @Option(names = "--owner-key", paramLabel = "DIR",
                description = "Key directory of the device's owner (default: --key).")
        java.nio.file.Path ownerKey;

        @Override
        public Integer call() throws IOException {
            if (days <= 0 || days > 36_500) {
                throw new IllegalArgumentException("--days must be 1 to 36500");
            }
            Role r = switch (role.toLowerCase(java.util.Locale.ROOT)) {
                case "user" -> Role.USER;
                case "admin" -> Role.ADMIN;
                default -> throw new IllegalArgumentException("--role must be user or admin, not '" + role + "'");
            };
            Identity owner = ownerKey == null ? signer() : KeyDirectory.read(ownerKey);
            Grant g = Grant.issue(owner, PeerId.parse(user), new DeviceId(device), new HashSet<>(services), r,
                    System.currentTimeMillis() + days * DAY_MS, new SystemRandomSource());
            return send("POST", "/api/grants",
                    Map.of("grant", java.util.Base64.getEncoder().encodeToString(g.encode())),
                    n -> out().println("grant stored: " + device + " " + n.get("services") + " for " + user
                            + " until " + Instant.ofEpochMilli(g.notAfterMs())));
        }
    }

    @Command(name = "revoke", description = "Revoke a user's grant on a device (the same signed grant cannot return).")
    static final class RevokeGrant extends AdminCommand.Call {
        @Option(names = "--device", required = true, paramLabel = "NAME")
        String device;

        @Option(names = "--user", required = true, paramLabel = "KEY")
        String user;

        @Override
        public Integer call() throws IOException {
            return send("DELETE", "/api/grants/" + device + "/" + user, null,
                    n -> out().println("revoked grant of " + user + " on " + device));
        }
    }

    @Command(name = "claim", description = "Device claim codes: one-time, expiring codes that bind a new device's key to an owner.",
            subcommands = {IssueClaim.class, ListClaims.class})
    static final class Claim {}

    @Command(name = "issue", description = "Issue a claim code for an owner (printed once; the node keeps only its hash).")
    static final class IssueClaim extends AdminCommand.Call {
        @Option(names = "--owner", required = true, paramLabel = "KEY", description = "The owner's peer id (a user).")
        String owner;

        @Option(names = "--device", paramLabel = "NAME", description = "The name the device must take (default: its choice).")
        String device;

        @Option(names = "--ttl-seconds", paramLabel = "N", description = "Lifetime (default: the node's claim-code-ttl).")
        Long ttlSeconds;

        @Override
        public Integer call() throws IOException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("owner", owner);
            if (device != null) {
                body.put("device", device);
            }
            if (ttlSeconds != null) {
                body.put("ttlSeconds", ttlSeconds);
            }
            return send("POST", "/api/claim-codes", body, n -> {
                out().println("claim code: " + n.get("code").asText());
                out().println("expires:    " + Instant.ofEpochMilli(n.get("expiresAtMs").asLong()));
            });
        }
    }

    @Command(name = "list", description = "List outstanding claim codes (by id; the codes themselves are not stored).")
    static final class ListClaims extends AdminCommand.Call {
        @Override
        public Integer call() throws IOException {
            return send("GET", "/api/claim-codes", null, n -> n.get("claimCodes").forEach(c -> out().println(
                    c.get("id").asText() + "  owner " + c.get("owner").asText() + "  device '" + c.get("device").asText()
                            + "'  expires " + Instant.ofEpochMilli(c.get("expiresAtMs").asLong())
                            + (c.get("expired").asBoolean() ? " (expired)" : ""))));
        }
    }
}
