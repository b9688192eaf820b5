/**
 * TCP tunnels over overlay sessions (docs/tunnels.md). {@link net.overlay.core.node.tunnel.TunnelHost}
 * wraps a device's or client's agent machine inside its {@link net.overlay.core.node.MachineDriver}:
 * it attaches the stream transport to every peer session and maps each TCP connection to one stream.
 * TCP sockets are plain blocking {@code java.net} sockets served by virtual threads
 * ({@link net.overlay.core.node.tunnel.TcpConnection}); their bytes reach the driver's actor as
 * messages, and all protocol state stays on that actor. Callers: the CLI's {@code device run} and
 * {@code connect}, and tests.
 */
package net.overlay.core.node.tunnel;
