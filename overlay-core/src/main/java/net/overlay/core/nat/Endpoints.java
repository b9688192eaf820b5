package net.overlay.core.nat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * IPv4 transport endpoints packed into one {@code long}: address in bits 16-47, port in bits 0-15.
 * Lets NAT tables and the simulator keep millions of endpoints without an object each. The value
 * {@link #NONE} (-1) never encodes an endpoint and means "dropped" or "absent".
 */
public final class Endpoints {
    /** Not an endpoint: what translations return for a dropped packet. */
    public static final long NONE = -1L;

    private Endpoints() {}

    /** Packs {@code ip} (IPv4, as an int in network order) and {@code port} (0-65535). */
    public static long of(int ip, int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return (Integer.toUnsignedLong(ip) << 16) | port;
    }

    /** Packs a dotted-quad address, e.g. {@code of("192.0.2.1", 4000)}; no name lookup. */
    public static long of(String dottedQuad, int port) {
        return of(parseIp(dottedQuad), port);
    }

    public static int ip(long endpoint) {
        return (int) (endpoint >>> 16);
    }

    public static int port(long endpoint) {
        return (int) (endpoint & 0xffff);
    }

    /** The same address with another port. */
    public static long withPort(long endpoint, int port) {
        return of(ip(endpoint), port);
    }

    /** Parses a dotted-quad IPv4 address into an int; IllegalArgumentException when malformed. */
    public static int parseIp(String dottedQuad) {
        String[] parts = dottedQuad.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + dottedQuad);
        }
        int ip = 0;
        for (String p : parts) {
            int octet;
            try {
                octet = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + dottedQuad);
            }
            if (octet < 0 || octet > 255 || p.isEmpty() || p.length() > 3) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + dottedQuad);
            }
            ip = (ip << 8) | octet;
        }
        return ip;
    }

    public static String ipToString(int ip) {
        return (ip >>> 24) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
    }

    public static String toString(long endpoint) {
        return endpoint == NONE ? "none" : ipToString(ip(endpoint)) + ":" + port(endpoint);
    }

    /** The endpoint as a socket address (no name lookup). */
    public static InetSocketAddress toSocketAddress(long endpoint) {
        int ip = ip(endpoint);
        byte[] b = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(b), port(endpoint));
        } catch (UnknownHostException e) {
            throw new AssertionError("4-byte address rejected", e);
        }
    }

    /** Packs an IPv4 socket address; IllegalArgumentException for IPv6 or unresolved addresses. */
    public static long fromSocketAddress(InetSocketAddress address) {
        if (!(address.getAddress() instanceof Inet4Address v4)) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        byte[] b = v4.getAddress();
        int ip = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        return of(ip, address.getPort());
    }
}
