/**
 * The congestion-control door: the interfaces a controller implements ({@code CongestionControl},
 * {@code ReceiverHook}), the samples the transport hands it, and the factory through which it is
 * found ({@code CongestionControlFactory}, by ServiceLoader or class name). Called by the session
 * transport; implemented by the shipped controllers and by researchers' jars.
 */
package net.overlay.core.spi.cc;
