package net.overlay.core.proto.session;

import java.util.Objects;

/**
 * An event of one session, as {@link SessionEndpoint#pollEvent()} hands it to the parent machine.
 *
 * @param session the session it happened in (to send on, close, or look up the peer)
 * @param event what happened
 */
public record SessionUpdate(Session session, SessionEvent event) {
    public SessionUpdate {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(event, "event");
    }
}
