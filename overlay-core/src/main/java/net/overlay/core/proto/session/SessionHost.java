package net.overlay.core.proto.session;

import net.overlay.core.proto.host.Transmit;

/** What a {@link Session} needs from the endpoint that holds it: an outbox and bookkeeping. */
interface SessionHost {

    void transmit(Transmit transmit);

    /** The buffers and cipher engine every session of the host shares. */
    SessionScratch scratch();

    void event(Session session, SessionEvent event);

    /** A half-open responder session heard its first authentic packet. */
    void confirmed(Session session);

    /** Something may have moved the session's next deadline: re-arm its timer before the next poll. */
    void touched(Session session);

    /** The session closed or failed; forget it. */
    void ended(Session session);
}
