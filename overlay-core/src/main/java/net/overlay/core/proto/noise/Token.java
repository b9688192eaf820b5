package net.overlay.core.proto.noise;

/** The tokens of a Noise message pattern (rev. 34, sections 7.1 and 9.2). */
public enum Token {
    /** An ephemeral public key. */
    E,
    /** A static public key, encrypted once a key is set. */
    S,
    /** DH of the two ephemeral keys. */
    EE,
    /** DH of the initiator's ephemeral and the responder's static key. */
    ES,
    /** DH of the initiator's static and the responder's ephemeral key. */
    SE,
    /** DH of the two static keys. */
    SS,
    /** A pre-shared symmetric key mixed into the state. */
    PSK;

    /** Parses the spec's lowercase spelling ({@code "es"}); null when unknown. */
    static Token parse(String text) {
        return switch (text) {
            case "e" -> E;
            case "s" -> S;
            case "ee" -> EE;
            case "es" -> ES;
            case "se" -> SE;
            case "ss" -> SS;
            case "psk" -> PSK;
            default -> null;
        };
    }
}
