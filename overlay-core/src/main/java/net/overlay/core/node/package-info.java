/**
 * The real edge of overlay-core: what the sans-IO protocol needs from the outside world in
 * deployment. {@link net.overlay.core.node.MachineDriver} hosts one state machine in a Pekko typed
 * actor on real UDP sockets ({@link net.overlay.core.node.UdpSockets}: FFM sockets with a per-send
 * TTL and UDP segmentation offload on Linux, NIO elsewhere) and the real clock; {@link net.overlay.core.node.DevRendezvous} is
 * the single development rendezvous node; plus the operating system's randomness and key files.
 * Callers: the CLI's {@code rendezvous start --dev}, later the device agent, the client and the
 * rendezvous cluster. See docs/node.md.
 */
package net.overlay.core.node;
