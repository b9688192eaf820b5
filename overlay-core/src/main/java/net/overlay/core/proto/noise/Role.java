package net.overlay.core.proto.noise;

/** Which side of a Noise handshake we play: the initiator sends the first message. */
public enum Role {
    INITIATOR,
    RESPONDER;

    /** The other side. */
    public Role peer() {
        return this == INITIATOR ? RESPONDER : INITIATOR;
    }
}
