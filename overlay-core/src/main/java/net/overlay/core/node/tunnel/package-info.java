/**
 * TCP tunnels over overlay sessions (docs/tunnels.md). {@link net.overlay.core.node.tunnel.TunnelHost}
 * wraps a device's or client's agent machine inside its {@link net.overlay.core.node.MachineDriver}:
 * it attaches the stream transport to every peer session and maps each TCP connection to one stream.
 * TCP sockets are plain blocking {@code java.net} sockets served by two platform threads each
 * ({@link net.overlay.core.node.tunnel.TcpConnection}); their bytes reach the driver's actor as
 * messages, and all protocol state stays on that actor. {@link
 * net.overlay.core.node.tunnel.LoopbackTunnel} runs a whole tunnel in one JVM. Callers: the CLI's
 * {@code device run}, {@code connect} and {@code bench tunnel}, and tests.
 */
package net.overlay.core.node.tunnel;
