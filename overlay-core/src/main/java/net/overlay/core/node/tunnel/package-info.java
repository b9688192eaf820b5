/**
 * TCP tunnels over overlay sessions (docs/tunnels.md). {@link net.overlay.core.node.tunnel.TunnelHost}
 * wraps a device's or client's agent machine inside its {@link net.overlay.core.node.MachineDriver}:
 * it attaches the stream transport to every peer session and maps each TCP connection to one stream.
 * TCP is pekko-stream {@code Tcp} with half-close (bind on a client, outgoing connections on a
 * device); each connection is joined to a {@link net.overlay.core.node.tunnel.TcpBridge} stage
 * that only carries bytes and acknowledgements, and the actor drives it through a {@link
 * net.overlay.core.node.tunnel.TcpConnection}: all protocol state stays on the driver's actor. {@link
 * net.overlay.core.node.tunnel.LoopbackTunnel} runs a whole tunnel in one JVM. Callers: the CLI's
 * {@code device run}, {@code connect} and {@code bench tunnel}, and tests.
 */
package net.overlay.core.node.tunnel;
