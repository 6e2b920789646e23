package dev.webseed.paygate;

/**
 * A token {@code kid.payload.signature} cut at its dots and decoded from base64url: its shape and
 * encoding only, nothing verified. The verifier checks the signature over the first {@code
 * signedLength} characters before it reads the payload.
 *
 * @param kid          the key id, as transmitted
 * @param payload      the decoded payload (layout in {@code package-info.java})
 * @param signature    the decoded signature
 * @param signedLength how many characters of the token the signature covers ({@code kid.payload})
 */
record TokenParts(String kid, byte[] payload, byte[] signature, int signedLength) {
    /**
     * Cuts a token into its parts.
     *
     * @throws TokenCodec.PayloadException {@link DenialReason#MALFORMED} when it is not three non-empty
     *                                     dot-separated parts, {@link DenialReason#BAD_ENCODING} when a
     *                                     part is not canonical base64url
     */
    static TokenParts split(String token) throws TokenCodec.PayloadException {
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0 || secondDot == firstDot + 1 || secondDot == token.length() - 1
                || token.indexOf('.', secondDot + 1) >= 0) {
            throw new TokenCodec.PayloadException(DenialReason.MALFORMED, "");
        }
        byte[] payload = Base64Url.decode(token, firstDot + 1, secondDot);
        byte[] signature = Base64Url.decode(token, secondDot + 1, token.length());
        if (Base64Url.decode(token, 0, firstDot) == null || payload == null || signature == null) {
            throw new TokenCodec.PayloadException(DenialReason.BAD_ENCODING, "");
        }
        return new TokenParts(token.substring(0, firstDot), payload, signature, secondDot);
    }
}
