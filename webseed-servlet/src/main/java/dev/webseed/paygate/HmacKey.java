package dev.webseed.paygate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 secret (RFC 2104), the simple option: the same secret signs (shop) and verifies
 * (origin), so an origin breach exposes the power to mint tokens. Prefer Ed25519 where the shop
 * can run it.
 *
 * <p>Secret file format ({@code paygateHmacSecretFile}): one secret per line in base64 or
 * base64url (padding optional), at least 32 bytes each, e.g. the output of
 * {@code openssl rand -base64 32}; blank lines and lines starting with {@code #} are ignored. Every
 * secret in the file is live at once, chosen by its kid.</p>
 */
public final class HmacKey implements VerificationKey, SigningKey {
    /** Shortest secret accepted: the output size of SHA-256 (RFC 2104 §3). */
    public static final int MIN_SECRET_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;
    private final byte[] fingerprint;
    private final String kid;

    private HmacKey(byte[] secret) {
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(secret, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
        this.fingerprint = Kids.digest(Kids.HMAC_LABEL, secret);
        this.kid = Kids.kid(fingerprint);
    }

    /** @throws IllegalArgumentException when shorter than {@link #MIN_SECRET_BYTES} */
    public static HmacKey of(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("an HMAC secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        return new HmacKey(secret.clone());
    }

    /** A new random 32-byte secret; {@link #encode(byte[])} gives its line for the secret file. */
    public static byte[] generateSecret() {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** The secret-file line for a secret (standard base64). */
    public static String encode(byte[] secret) {
        return Base64.getEncoder().encodeToString(secret);
    }

    /**
     * Reads every secret in a secret file.
     *
     * @throws IOException naming the file and line when it cannot be read, holds a bad line or no secret
     */
    public static List<HmacKey> readSecrets(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        List<HmacKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            byte[] secret;
            try {
                String standard = line.replace('-', '+').replace('_', '/');
                secret = Base64.getDecoder().decode(standard);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": not base64");
            }
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IOException(file + " line " + (i + 1) + ": a secret needs at least " + MIN_SECRET_BYTES
                        + " bytes, found " + secret.length);
            }
            keys.add(new HmacKey(secret));
        }
        if (keys.isEmpty()) {
            throw new IOException(file + " holds no secret");
        }
        return keys;
    }

    @Override
    public String kid() {
        return kid;
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public VerificationKey verificationKey() {
        return this;
    }

    @Override
    public byte[] sign(byte[] message) {
        Mac mac = mac();
        mac.update(message);
        return mac.doFinal();
    }

    @Override
    public boolean verify(byte[] message, int length, byte[] signature) {
        Mac mac = mac();
        mac.update(message, 0, length);
        // constant time: MessageDigest.isEqual does not stop at the first differing byte
        return MessageDigest.isEqual(mac.doFinal(), signature);
    }

    /** A fresh Mac: a clone of the keyed prototype (cheaper than init), which is never used itself. */
    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 provider does not clone", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HmacKey other && MessageDigest.isEqual(fingerprint, other.fingerprint);
    }

    @Override
    public int hashCode() {
        return kid.hashCode();
    }

    @Override
    public String toString() {
        return "HmacKey[kid=" + kid + "]";
    }
}
