package dev.webseed.paygate;

/**
 * A key that signs tokens, held by the shop: an {@link Ed25519PrivateKey} or an {@link HmacKey}.
 * Implementations are immutable and thread-safe.
 */
public sealed interface SigningKey permits Ed25519PrivateKey, HmacKey {
    /** The key id written into tokens, equal to the kid of {@link #verificationKey()}. */
    String kid();

    /** The key an origin needs to check this key's tokens. */
    VerificationKey verificationKey();

    /** The signature of {@code message}. */
    byte[] sign(byte[] message);
}
