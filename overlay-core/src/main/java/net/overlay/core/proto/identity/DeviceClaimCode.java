package net.overlay.core.proto.identity;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.crypto.NoiseHash;

/**
 * The code a device agent prints at its first start ({@code ./overlay device run}), which its
 * owner hands to {@code ./overlay admin devices claim CODE} to enrol it: the device's name and its
 * own public key, with a checksum so that a mistyped code is refused rather than enrolling a key
 * nobody holds. Text form: {@code ovc1.NAME.PEERID.CHECK}, where PEERID is the 52-character base32
 * key and CHECK the first 4 bytes of SHA-256("overlay-claim-v1" | NAME | 0 | key), base32.
 *
 * <p>The code is no secret and proves nothing by itself: what makes a claim trustworthy is that the
 * owner read it off a device in their hands (its console, a label), as with any claim code; the
 * device then proves the key in every handshake. Immutable.
 */
public record DeviceClaimCode(DeviceId device, PeerId key) {
    private static final String PREFIX = "ovc1";
    private static final byte[] CONTEXT = "overlay-claim-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECK_BYTES = 4;

    public DeviceClaimCode {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(key, "key");
    }

    public String encode() {
        return PREFIX + "." + device.name() + "." + key.text() + "." + Base32.encode(check(device, key));
    }

    /**
     * Reads a code.
     *
     * @throws IllegalArgumentException saying what is wrong: the prefix, the name, the key, or the
     *     checksum (a typo)
     */
    public static DeviceClaimCode parse(String text) {
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a device claim code (expected " + PREFIX + ".NAME.KEY.CHECK)");
        }
        DeviceId device;
        PeerId key;
        try {
            device = new DeviceId(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("claim code: bad device name: " + e.getMessage(), e);
        }
        try {
            key = PeerId.parse(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("claim code: bad device key: " + e.getMessage(), e);
        }
        byte[] given;
        try {
            given = Base32.decode(parts[3], CHECK_BYTES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("claim code: bad checksum field: " + e.getMessage(), e);
        }
        if (!java.security.MessageDigest.isEqual(given, check(device, key))) {
            throw new IllegalArgumentException("claim code: checksum does not match (mistyped?)");
        }
        return new DeviceClaimCode(device, key);
    }

    private static byte[] check(DeviceId device, PeerId key) {
        byte[] name = device.name().getBytes(StandardCharsets.UTF_8);
        byte[] k = key.key().toArray();
        byte[] input = new byte[CONTEXT.length + name.length + 1 + k.length];
        System.arraycopy(CONTEXT, 0, input, 0, CONTEXT.length);
        System.arraycopy(name, 0, input, CONTEXT.length, name.length);
        System.arraycopy(k, 0, input, CONTEXT.length + name.length + 1, k.length);
        return java.util.Arrays.copyOf(NoiseHash.create(HashSuite.SHA256).hash(input), CHECK_BYTES);
    }
}
