package net.overlay.lab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import net.overlay.cluster.admin.AdminClient;
import net.overlay.core.node.SystemRandomSource;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.proto.identity.DeviceClaimCode;
import net.overlay.core.proto.identity.Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./overlay admin users|devices|grants|claim ...}: the admin API of a rendezvous node
 * (docs/store.md), every request signed with the administrator's key directory ({@code --key}).
 * Exit status 0 on success, 1 on any refusal or when the node cannot be reached, with one line
 * saying which and what to check.
 */
@Command(name = "admin", description = "Administer a node's durable store over its signed HTTP API.",
        subcommands = {AdminCommand.Users.class, AdminCommand.Devices.class, AdminGrantCommands.Grants.class,
            AdminGrantCommands.Claim.class})
final class AdminCommand {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Where the node is and who signs: on every admin subcommand. */
    static final class Connection {
        @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:OVERLAY_ADMIN_URL:-http://127.0.0.1:8480}",
                description = "The node's admin endpoint (default: $OVERLAY_ADMIN_URL or ${DEFAULT-VALUE}).")
        URI url;

        @Option(names = "--key", paramLabel = "DIR", required = true,
                description = "Key directory of an administrator ('./overlay keys generate').")
        Path key;
    }

    /** Base of each leaf command: signs, sends, prints the answer or one error line. */
    abstract static class Call implements Callable<Integer> {
        @Mixin
        Connection connection;

        @Spec
        CommandSpec spec;

        Identity signer() throws IOException {
            return KeyDirectory.read(connection.key);
        }

        /** Sends the request; on 2xx hands the JSON to {@code onOk} and returns 0, else prints the error, 1. */
        int send(String method, String target, Map<String, ?> body, Consumer<JsonNode> onOk) throws IOException {
            AdminClient client = new AdminClient(connection.url, signer(), new SystemRandomSource(),
                    System::currentTimeMillis);
            AdminClient.Response r = client.send(method, target, body == null ? null : JSON.writeValueAsString(body));
            if (r.ok()) {
                onOk.accept(parse(r.body()));
                out().flush();
                return 0;
            }
            spec.commandLine().getErr().println("overlay admin: " + r.status() + " from " + connection.url + ": "
                    + errorText(r) + hint(r.status()));
            return 1;
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        private static JsonNode parse(String body) {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                return JSON.getNodeFactory().textNode(body);
            }
        }

        private static String errorText(AdminClient.Response r) {
            JsonNode n = parse(r.body());
            if (n.hasNonNull("error")) {
                return n.get("error").asText();
            }
            String raw = r.body().strip();
            return raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
        }

        private static String hint(int status) {
            return switch (status) {
                case 401 -> " (is --key the right directory, and this machine's clock within 30 s of the node's?)";
                case 403 -> " (add this key as an administrator, or list it in overlay.store.bootstrap-admins)";
                case 503 -> " (the node's store is not reachable; see its /ready)";
                default -> "";
            };
        }
    }

    @Command(name = "users", description = "Users: public keys with a role (admin or user).",
            subcommands = {ListUsers.class, AddUser.class, RemoveUser.class})
    static final class Users {}

    @Command(name = "list", description = "List users.")
    static final class ListUsers extends Call {
        @Override
        public Integer call() throws IOException {
            return send("GET", "/api/users", null, n -> n.get("users").forEach(u ->
                    out().println(u.get("key").asText() + "  " + u.get("role").asText())));
        }
    }

    @Command(name = "add", description = "Add a user (or change its role).")
    static final class AddUser extends Call {
        @Parameters(paramLabel = "KEY", description = "The user's peer id (52 base32 characters).")
        String key;

        @Option(names = "--role", defaultValue = "user", description = "admin or user (default ${DEFAULT-VALUE}).")
        String role;

        @Override
        public Integer call() throws IOException {
            return send("POST", "/api/users", Map.of("key", key, "role", role),
                    n -> out().println("user " + n.get("key").asText() + " " + n.get("role").asText()));
        }
    }

    @Command(name = "remove", description = "Remove a user and the grants it holds.")
    static final class RemoveUser extends Call {
        @Parameters(paramLabel = "KEY")
        String key;

        @Override
        public Integer call() throws IOException {
            return send("DELETE", "/api/users/" + key, null, n -> out().println("removed user " + key));
        }
    }

    @Command(name = "devices", description = "Devices: name, device key, owner.",
            subcommands = {ListDevices.class, AddDevice.class, ClaimDevice.class, RemoveDevice.class})
    static final class Devices {}

    @Command(name = "list", description = "List devices.")
    static final class ListDevices extends Call {
        @Override
        public Integer call() throws IOException {
            return send("GET", "/api/devices", null, n -> n.get("devices").forEach(d -> out().println(
                    d.get("name").asText() + "  key " + d.get("key").asText() + "  owner " + d.get("owner").asText())));
        }
    }

    @Command(name = "add", description = "Register a device with its key and owner (the owner must be a user).")
    static final class AddDevice extends Call {
        @Parameters(paramLabel = "NAME", description = "Device id: 1-63 of [a-z0-9._-].")
        String name;

        @Option(names = "--device-key", required = true, paramLabel = "KEY", description = "The device's peer id.")
        String deviceKey;

        @Option(names = "--owner", required = true, paramLabel = "KEY", description = "The owner's peer id.")
        String owner;

        @Override
        public Integer call() throws IOException {
            return send("POST", "/api/devices", Map.of("name", name, "key", deviceKey, "owner", owner),
                    n -> out().println("device " + n.get("name").asText() + " owned by " + n.get("owner").asText()));
        }
    }

    @Command(name = "claim", description = "Enrol a device from the claim code it printed at its first start "
            + "(its name and key, checksummed), for an owner.")
    static final class ClaimDevice extends Call {
        @Parameters(paramLabel = "CODE", description = "The device's claim code (ovc1.NAME.KEY.CHECK).")
        String code;

        @Option(names = "--owner", paramLabel = "KEY", description = "The owner's peer id (default: the signer).")
        String owner;

        @Override
        public Integer call() throws IOException {
            DeviceClaimCode claim;
            try {
                claim = DeviceClaimCode.parse(code);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("overlay admin devices claim: " + e.getMessage());
                return 2;
            }
            String who = owner != null ? owner : signer().peerId().text();
            return send("POST", "/api/devices", Map.of("name", claim.device().name(), "key", claim.key().text(),
                    "owner", who), n -> out().println("claimed device " + n.get("name").asText() + " for owner "
                    + n.get("owner").asText()));
        }
    }

    @Command(name = "remove", description = "Remove a device and the grants for it.")
    static final class RemoveDevice extends Call {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            return send("DELETE", "/api/devices/" + name, null, n -> out().println("removed device " + name));
        }
    }
}
