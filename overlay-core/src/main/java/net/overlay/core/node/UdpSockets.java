package net.overlay.core.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ObjIntConsumer;

/**
 * A state machine's sockets by index ({@link net.overlay.core.proto.host.DatagramMachine}'s socket
 * numbers): sockets 0..n-1 bound at start at the configured addresses (port 0: ephemeral; read the
 * real ones back with {@link #localAddresses()}), any higher index bound on first use on an
 * ephemeral port of socket 0's IP, as the in-memory network does for birthday probing.
 *
 * <p>Threading: owned by one {@link MachineDriver}; not thread-safe.
 */
public final class UdpSockets implements AutoCloseable {
    /** How a socket is made; {@link UdpSocket#open} in deployment. */
    @FunctionalInterface
    public interface Opener {
        UdpSocket open(InetSocketAddress at) throws IOException;
    }

    private final Opener opener;
    private final Map<Integer, UdpSocket> byIndex = new HashMap<>();
    private final List<InetSocketAddress> configured;
    private ObjIntConsumer<UdpSocket> onOpen = (s, i) -> { };

    private UdpSockets(Opener opener, List<InetSocketAddress> configured) {
        this.opener = opener;
        this.configured = configured;
    }

    /** Binds one socket per address of {@code bindAt}, in order; closes all of them if one fails. */
    public static UdpSockets bind(List<InetSocketAddress> bindAt) throws IOException {
        return bind(bindAt, UdpSocket::open);
    }

    public static UdpSockets bind(List<InetSocketAddress> bindAt, Opener opener) throws IOException {
        if (bindAt.isEmpty()) {
            throw new IllegalArgumentException("at least socket 0 must be given");
        }
        UdpSockets s = new UdpSockets(Objects.requireNonNull(opener, "opener"), List.copyOf(bindAt));
        try {
            for (int i = 0; i < bindAt.size(); i++) {
                s.byIndex.put(i, opener.open(bindAt.get(i)));
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * Binds the four sockets of an RFC 5780 server, {@code ip1:p1, ip1:p2, ip2:p1, ip2:p2}, where
     * {@code p2 = p1 + 1}. With {@code port} 0, tries ephemeral ports until both IPs have both
     * ports free (for tests).
     */
    public static UdpSockets bindRendezvous(String ip1, String ip2, int port) throws IOException {
        int attempts = port == 0 ? 20 : 1;
        IOException last = null;
        for (int a = 0; a < attempts; a++) {
            int p1 = port;
            if (p1 == 0) {
                try (UdpSocket probe = UdpSocket.open(new InetSocketAddress(ip1, 0))) {
                    p1 = probe.localAddress().getPort();
                }
                if (p1 == 65_535) {
                    continue;
                }
            }
            try {
                return bind(List.of(new InetSocketAddress(ip1, p1), new InetSocketAddress(ip1, p1 + 1),
                        new InetSocketAddress(ip2, p1), new InetSocketAddress(ip2, p1 + 1)));
            } catch (IOException e) {
                last = e;
            }
        }
        throw last != null ? last : new IOException("no free port pair on " + ip1 + " and " + ip2);
    }

    /** Called with every socket bound from now on, lazily or not (the driver starts its reader). */
    void onOpen(ObjIntConsumer<UdpSocket> listener) {
        this.onOpen = listener;
    }

    /** The socket with {@code index}, binding it now if it is beyond the configured ones. */
    public UdpSocket socket(int index) {
        UdpSocket s = byIndex.get(index);
        if (s == null) {
            try {
                s = opener.open(new InetSocketAddress(configured.getFirst().getAddress(), 0));
            } catch (IOException e) {
                throw new UncheckedIOException("binding socket " + index, e);
            }
            byIndex.put(index, s);
            onOpen.accept(s, index);
        }
        return s;
    }

    /** The sockets bound so far, by index. */
    Map<Integer, UdpSocket> bound() {
        return Map.copyOf(byIndex);
    }

    /** The real addresses of the configured sockets, in order (ephemeral ports resolved). */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            out.add(byIndex.get(i).localAddress());
        }
        return out;
    }

    /** Whether every bound socket honours a per-send TTL. */
    public boolean supportsTtl() {
        return byIndex.values().stream().allMatch(UdpSocket::supportsTtl);
    }

    /** Datagrams dropped locally when sending, over all sockets. */
    public long sendDrops() {
        return byIndex.values().stream().mapToLong(UdpSocket::sendDrops).sum();
    }

    @Override
    public void close() {
        byIndex.values().forEach(UdpSocket::close);
    }
}
