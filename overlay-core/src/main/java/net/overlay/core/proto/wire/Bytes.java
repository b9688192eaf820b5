package net.overlay.core.proto.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality, for records that carry bytes (keys, nonces,
 * opaque payloads): a record holding a bare {@code byte[]} would compare by identity and could be
 * changed from outside. Copies on the way in and on the way out of {@link #toArray()}; hot paths
 * that must not copy use {@link #copyTo(byte[], int)} or {@link #get(int)}.
 */
public final class Bytes implements Comparable<Bytes> {
    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] data;
    private int hash;

    private Bytes(byte[] owned) {
        this.data = owned;
    }

    /** A copy of all of {@code data}. */
    public static Bytes of(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** A copy of {@code data[off..off+len)}. */
    public static Bytes of(byte[] data, int off, int len) {
        return len == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, off, off + len));
    }

    /** Wraps an array the caller promises never to change again (saves a copy on decode paths). */
    public static Bytes wrapOwned(byte[] owned) {
        return owned.length == 0 ? EMPTY : new Bytes(owned);
    }

    /** Parses lowercase or uppercase hex; throws IllegalArgumentException on bad input. */
    public static Bytes fromHex(String hex) {
        return wrapOwned(HEX.parseHex(hex));
    }

    public int length() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    public byte get(int index) {
        return data[index];
    }

    /** A fresh copy of the bytes. */
    public byte[] toArray() {
        return data.clone();
    }

    /** Copies the bytes into {@code dst} at {@code off}; returns the number copied. */
    public int copyTo(byte[] dst, int off) {
        System.arraycopy(data, 0, dst, off, data.length);
        return data.length;
    }

    /** Constant-time comparison, for secrets (MACs, keys, tokens). */
    public boolean constantTimeEquals(Bytes other) {
        return java.security.MessageDigest.isEqual(data, other.data);
    }

    public String toHex() {
        return HEX.formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && data.length > 0) {
            h = Arrays.hashCode(data);
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    /** Hex, shortened past 32 bytes so logs stay readable. */
    @Override
    public String toString() {
        return data.length <= 32
                ? HEX.formatHex(data)
                : HEX.formatHex(data, 0, 32) + "...(" + data.length + " bytes)";
    }
}
