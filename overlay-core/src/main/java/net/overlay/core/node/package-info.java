/**
 * The real edge of overlay-core: what the sans-IO protocol needs from the outside world in
 * deployment (the operating system's randomness, key files; later the actor drivers and sockets).
 * Callers: the device agent, the client and the rendezvous node when they start.
 */
package net.overlay.core.node;
