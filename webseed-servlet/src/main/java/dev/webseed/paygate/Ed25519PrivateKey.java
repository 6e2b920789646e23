package dev.webseed.paygate;

import java.io.IOException;
import java.security.SecureRandom;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key: the shop's signing key. Never give it to an origin server; origins need
 * only {@link #publicKey()}.
 */
public final class Ed25519PrivateKey implements SigningKey {
    /** id-Ed25519 (RFC 8410 §3). */
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");
    private final Ed25519PrivateKeyParameters params;
    private final Ed25519PublicKey publicKey;

    private Ed25519PrivateKey(Ed25519PrivateKeyParameters params) {
        this.params = params;
        this.publicKey = new Ed25519PublicKey(params.generatePublicKey());
    }

    /** A new random key from a {@link SecureRandom}. */
    public static Ed25519PrivateKey generate() {
        return generate(new SecureRandom());
    }

    public static Ed25519PrivateKey generate(SecureRandom random) {
        return new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(random));
    }

    /**
     * The key from a DER PKCS#8 PrivateKeyInfo (RFC 8410 §7), as inside a PEM {@code PRIVATE KEY}
     * written by {@code openssl genpkey -algorithm ed25519}.
     *
     * @throws IllegalArgumentException if the bytes are not an unencrypted Ed25519 PKCS#8 key
     */
    public static Ed25519PrivateKey fromPkcs8(byte[] der) {
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(der));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a private key in PKCS#8 form");
        }
        if (!(key instanceof Ed25519PrivateKeyParameters ed)) {
            throw new IllegalArgumentException("not an Ed25519 key (found " + key.getClass().getSimpleName() + ")");
        }
        return new Ed25519PrivateKey(ed);
    }

    @Override
    public String kid() {
        return publicKey.kid();
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public VerificationKey verificationKey() {
        return publicKey;
    }

    @Override
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        params.sign(Ed25519.Algorithm.Ed25519, publicKey.params(), null, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * The DER PKCS#8 v1 PrivateKeyInfo: version 0, id-Ed25519 (1.3.101.112), the 32-byte seed in
     * an inner OCTET STRING; no attributes and no public key, byte for byte what OpenSSL writes.
     */
    public byte[] pkcs8() {
        try {
            return new PrivateKeyInfo(new AlgorithmIdentifier(ID_ED25519),
                    new DEROctetString(params.getEncoded())).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an Ed25519 private key", e);
        }
    }

    /** The key as a PEM {@code PRIVATE KEY} block. */
    public String toPem() {
        return PemKeys.pem("PRIVATE KEY", pkcs8());
    }

    @Override
    public String toString() {
        return "Ed25519PrivateKey[kid=" + kid() + "]";
    }
}
