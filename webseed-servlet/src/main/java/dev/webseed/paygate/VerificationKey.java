package dev.webseed.paygate;

/**
 * A key that checks token signatures: an {@link Ed25519PublicKey} (what origins should hold) or an
 * {@link HmacKey} (a shared secret). Implementations are immutable and thread-safe.
 */
public sealed interface VerificationKey permits Ed25519PublicKey, HmacKey {
    /** The key id carried in the first part of every token it signs (11 base64url characters). */
    String kid();

    /** {@code Ed25519} or {@code HmacSHA256}. */
    String algorithm();

    /**
     * True when {@code signature} is this key's signature of {@code message[0, length)}.
     * Never throws for a wrong-sized signature; comparisons take constant time.
     */
    boolean verify(byte[] message, int length, byte[] signature);
}
