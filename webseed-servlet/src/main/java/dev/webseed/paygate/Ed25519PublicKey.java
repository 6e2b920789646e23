package dev.webseed.paygate;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032), the only thing an origin server needs: a breached origin
 * cannot mint tokens. Verification runs through BouncyCastle's RFC 8032 code, which rejects
 * non-canonical signatures ({@code S ≥ L}) and invalid points.
 */
public final class Ed25519PublicKey implements VerificationKey {
    /** Bytes of a signature (RFC 8032 §5.1.6). */
    public static final int SIGNATURE_BYTES = Ed25519.SIGNATURE_SIZE;

    private final Ed25519PublicKeyParameters params;
    private final byte[] spki;
    private final String kid;

    Ed25519PublicKey(Ed25519PublicKeyParameters params) {
        this.params = params;
        try {
            this.spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(params).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an Ed25519 public key", e);
        }
        this.kid = Kids.of(spki);
    }

    /**
     * The key in a DER SubjectPublicKeyInfo (RFC 8410 §4), as inside a PEM {@code PUBLIC KEY}.
     *
     * @throws IllegalArgumentException if the bytes are not an Ed25519 SubjectPublicKeyInfo
     */
    public static Ed25519PublicKey fromSpki(byte[] der) {
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(der));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a public key in SubjectPublicKeyInfo form");
        }
        if (!(key instanceof Ed25519PublicKeyParameters ed)) {
            throw new IllegalArgumentException("not an Ed25519 key (found " + key.getClass().getSimpleName() + ")");
        }
        return new Ed25519PublicKey(ed);
    }

    /** The key from its 32-byte RFC 8032 encoding. */
    public static Ed25519PublicKey fromRaw(byte[] raw) {
        if (Objects.requireNonNull(raw, "raw").length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        return new Ed25519PublicKey(new Ed25519PublicKeyParameters(raw, 0));
    }

    @Override
    public String kid() {
        return kid;
    }

    @Override
    public String algorithm() {
        return "Ed25519";
    }

    @Override
    public boolean verify(byte[] message, int length, byte[] signature) {
        if (signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            // pure Ed25519 (no context, no pre-hash), RFC 8032 §5.1.7
            return params.verify(Ed25519.Algorithm.Ed25519, null, message, 0, length, signature, 0);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The DER SubjectPublicKeyInfo. */
    public byte[] spki() {
        return spki.clone();
    }

    /** The 32-byte RFC 8032 encoding. */
    public byte[] raw() {
        return params.getEncoded();
    }

    /** The key as a PEM {@code PUBLIC KEY} block, as {@code openssl pkey -pubout} writes it. */
    public String toPem() {
        return PemKeys.pem("PUBLIC KEY", spki);
    }

    Ed25519PublicKeyParameters params() {
        return params;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey other && Arrays.equals(spki, other.spki);
    }

    @Override
    public int hashCode() {
        return kid.hashCode();
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[kid=" + kid + "]";
    }
}
