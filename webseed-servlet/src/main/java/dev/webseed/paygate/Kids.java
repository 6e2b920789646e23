package dev.webseed.paygate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Key ids: the first 8 bytes of a SHA-256, base64url (11 characters). For Ed25519 the hash is of
 * the DER SubjectPublicKeyInfo (the bytes inside {@code -----BEGIN PUBLIC KEY-----}), so
 * {@code openssl pkey -pubin -in public.pem -outform DER | openssl dgst -sha256 -binary | head -c 8
 * | basenc --base64url | tr -d =} prints it. For HMAC it is of a fixed label followed by the
 * secret, so the kid reveals nothing that a signed token would not.
 */
final class Kids {
    static final int KID_BYTES = 8;
    static final byte[] HMAC_LABEL = "webseed-paygate-hmac-kid:".getBytes(StandardCharsets.US_ASCII);

    private Kids() {
    }

    static String of(byte[]... parts) {
        return kid(digest(parts));
    }

    /** The SHA-256 of the concatenated parts. */
    static byte[] digest(byte[]... parts) {
        MessageDigest sha256 = sha256();
        for (byte[] part : parts) {
            sha256.update(part);
        }
        return sha256.digest();
    }

    /** The kid of a SHA-256 digest: its first 8 bytes, base64url. */
    static String kid(byte[] digest) {
        return Base64Url.encode(Arrays.copyOf(digest, KID_BYTES));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
