package net.overlay.core.proto.identity;

/**
 * The outcome of checking a signed statement. Checks run in a fixed order, so the verdict names the
 * first failure: malformed, then wrong issuer, bad signature, wrong subject, not granted, and last
 * the time window (a forged statement is reported as forged, not as expired).
 */
public enum Verdict {
    /** Well-formed, signed by the expected issuer, about the expected subject, valid now. */
    OK,
    /** The bytes do not decode as a statement of the expected kind. */
    MALFORMED,
    /** The statement names another issuer than the key it is checked against. */
    WRONG_ISSUER,
    /** The signature does not verify under the issuer's key. */
    BAD_SIGNATURE,
    /** The statement is about another device or another holder than the one checking it. */
    WRONG_SUBJECT,
    /** A grant that does not cover the requested service. */
    NOT_GRANTED,
    /** {@code nowMs} is before the statement's validity starts. */
    NOT_YET_VALID,
    /** {@code nowMs} is at or after the statement's expiry. */
    EXPIRED;

    /** Whether this is {@link #OK}. */
    public boolean isOk() {
        return this == OK;
    }
}
