package dev.webseed.paygate;

/**
 * Why a token was refused; each failure mode has its own reason and a short text fit for a 403
 * body or a tracker {@code failure reason} (BEP 3).
 */
public enum DenialReason {
    /** No token where the content needs one. */
    MISSING("a token is required for this content"),
    /** Longer than {@code paygateMaxTokenBytes}; refused without being read. */
    OVERSIZE("token too long"),
    /** Not three dot-separated parts. */
    MALFORMED("token is not kid.payload.signature"),
    /** A part is not canonical unpadded base64url. */
    BAD_ENCODING("token is not valid base64url"),
    /** The kid names no key this server holds (unknown, retired, or a typo). */
    UNKNOWN_KEY("token signed with an unknown key"),
    /** The signature does not match {@code kid.payload}: forged or altered. */
    BAD_SIGNATURE("token signature is invalid"),
    /** Signed, but the payload version is newer than this server understands. */
    UNSUPPORTED_VERSION("token version not supported"),
    /** Signed, but the payload does not follow its layout. */
    BAD_PAYLOAD("token payload is malformed"),
    /** {@code nbf} lies ahead (beyond the clock-skew allowance). */
    NOT_YET_VALID("token not valid yet"),
    /** {@code exp} has passed (beyond the clock-skew allowance and any grace). */
    EXPIRED("token expired"),
    /** Valid, but it does not cover the requested info-hash or content path. */
    OUT_OF_SCOPE("token does not cover this content"),
    /** The token id or the buyer is on the revocation list. */
    REVOKED("token revoked"),
    /** The origin already served this token's byte budget. */
    BUDGET_EXHAUSTED("token byte budget used up");

    private final String text;

    DenialReason(String text) {
        this.text = text;
    }

    /** A short, stable, human text (ASCII, no secrets), e.g. {@code token expired}. */
    public String text() {
        return text;
    }
}
