/**
 * The {@code video-qos} scenario: a camera's video on the media channel
 * ({@link net.overlay.core.proto.media}) and its control stream in one transport, over cellular
 * traces ({@link net.overlay.core.netsim.TransportTracePair}, a trace-driven bottleneck from the
 * camera, a fixed delay back), with fixed bitrates against the adaptive one: frame delay, losses,
 * bitrate against link capacity, control round trips. Found by the scenario catalogue.
 */
package net.overlay.lab.video;
