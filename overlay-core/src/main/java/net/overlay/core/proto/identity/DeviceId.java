package net.overlay.core.proto.identity;

/**
 * A device's name within the overlay, as users type it ({@code ./overlay connect DEVICE SERVICE})
 * and as the rendezvous shards its registry by. A certificate binds it to the device's keys.
 * Rule: 1-63 characters of {@code [a-z0-9._-]}, starting with a letter or digit. Immutable.
 */
public record DeviceId(String name) implements Comparable<DeviceId> {

    public DeviceId {
        Names.require("device id", name);
    }

    /** Whether {@code name} is a valid device id. */
    public static boolean isValid(String name) {
        return Names.isValid(name);
    }

    @Override
    public int compareTo(DeviceId o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
