/**
 * The media channel of a session: video (or any stream of timed frames) carried as unreliable
 * datagrams beside the session's reliable streams, for the IP-camera case of a video stream plus a
 * control channel in one session (docs/transport.md, "Media channel").
 *
 * <p>{@link net.overlay.core.proto.media.MediaSender} splits frames into fragments with a small
 * header ({@link net.overlay.core.proto.media.MediaFragment}) and feeds them to a
 * {@link net.overlay.core.proto.transport.Transport}'s datagrams, keeping its own queue so that it
 * can drop whole stale frames and report the send-buffer fill;
 * {@link net.overlay.core.proto.media.MediaReceiver} reassembles them, with a deadline per frame;
 * a {@link net.overlay.core.proto.media.BitrateController} turns the fill into the encoder's
 * bitrate. Callers: the application on top of a session (the lab's {@code video-qos} scenario).
 * Sans-IO like the rest of {@code proto}: time comes as {@code nowNs}, no clock, no threads.
 */
package net.overlay.core.proto.media;
