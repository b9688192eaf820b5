package net.overlay.core.spi.cc;

/** Why a controller is told about a path change. */
public enum PathChange {
    /** Traffic moved to a path with unknown capacity (relay to direct, or back): start afresh. */
    NEW_PATH,
    /** The peer's address changed but the bottleneck is likely the same (a NAT rebinding). */
    SAME_PATH_NEW_ADDRESS
}
