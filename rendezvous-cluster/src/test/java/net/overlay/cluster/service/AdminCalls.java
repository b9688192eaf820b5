package net.overlay.cluster.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.overlay.cluster.admin.AdminClient;
import net.overlay.core.node.SystemRandomSource;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;

/**
 * Signed admin API calls against the HTTP endpoints of a cluster's nodes, for tests: single calls,
 * many writes at once spread over the nodes, and the directory's lists read back as sets of
 * comparable strings. Calls may come from any thread.
 */
final class AdminCalls implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request: method, path, JSON body (null for none). */
    record Call(String method, String path, String body) {}

    private final List<URI> nodes;
    private final Identity admin;
    private final ExecutorService pool;
    // One client per thread and node: a client is not thread-safe, and one per call made an HTTP
    // client (a selector thread and a connection) for every request.
    private final ThreadLocal<AdminClient[]> clients = ThreadLocal.withInitial(this::newClients);

    AdminCalls(List<URI> nodes, Identity admin, int parallelism) {
        this.nodes = List.copyOf(nodes);
        this.admin = admin;
        this.pool = Executors.newFixedThreadPool(parallelism);
    }

    AdminClient.Response send(int node, String method, String path, String body) throws IOException {
        return clients.get()[node].send(method, path, body);
    }

    private AdminClient[] newClients() {
        return nodes.stream().map(n -> new AdminClient(n, admin, new SystemRandomSource(), System::currentTimeMillis))
                .toArray(AdminClient[]::new);
    }

    /**
     * Sends every call, call {@code i} to node {@code i % nodes}, as many at once as the pool has
     * threads; throws on the first answer that is not 2xx. A 503 (the store's ask timed out, which
     * the short ask-timeout of these tests allows on a loaded machine) is sent again, up to twice,
     * as a provisioning script would: a repeated write with the same content is accepted and
     * writes nothing. Returns how many calls were sent again.
     */
    int sendAll(List<Call> calls) throws Exception {
        List<Future<AdminClient.Response>> answers = new ArrayList<>();
        AtomicInteger retried = new AtomicInteger();
        for (int i = 0; i < calls.size(); i++) {
            Call c = calls.get(i);
            int node = i % nodes.size();
            answers.add(pool.submit(() -> {
                AdminClient.Response r = send(node, c.method(), c.path(), c.body());
                for (int again = 0; again < 2 && r.status() == 503; again++) {
                    retried.incrementAndGet();
                    r = send(node, c.method(), c.path(), c.body());
                }
                return r;
            }));
        }
        for (int i = 0; i < answers.size(); i++) {
            AdminClient.Response r = answers.get(i).get();
            if (!r.ok()) {
                throw new AssertionError(calls.get(i) + " answered " + r.status() + " " + r.body());
            }
        }
        return retried.get();
    }

    /** Users as {@code key role}. */
    Set<String> users(int node) throws IOException {
        return list(node, "/api/users", "users", u -> u.get("key").asText() + " " + u.get("role").asText());
    }

    /** Devices as {@code name key owner}. */
    Set<String> devices(int node) throws IOException {
        return list(node, "/api/devices", "devices", d -> d.get("name").asText() + " " + d.get("key").asText() + " "
                + d.get("owner").asText());
    }

    /** Grants as the base64 of their signed encoding (so equal means the same signed statement). */
    Set<String> grants(int node) throws IOException {
        return list(node, "/api/grants", "grants", g -> g.get("grant").asText());
    }

    private Set<String> list(int node, String path, String field, java.util.function.Function<JsonNode, String> show)
            throws IOException {
        AdminClient.Response r = send(node, "GET", path, null);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " on node " + node + " answered " + r.status() + " " + r.body());
        }
        Set<String> out = new TreeSet<>();
        JSON.readTree(r.body()).get(field).forEach(n -> out.add(show.apply(n)));
        return out;
    }

    /** The body of {@code POST /api/users}. */
    static String userBody(Identity user, String role) {
        return "{\"key\":\"" + user.peerId() + "\",\"role\":\"" + role + "\"}";
    }

    /** The body of {@code POST /api/grants}. */
    static String grantBody(Grant g) {
        return "{\"grant\":\"" + base64(g) + "\"}";
    }

    /** A grant as the API carries and lists it: base64 of its signed encoding. */
    static String base64(Grant g) {
        return Base64.getEncoder().encodeToString(g.encode());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
