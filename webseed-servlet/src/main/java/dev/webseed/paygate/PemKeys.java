package dev.webseed.paygate;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM files of Ed25519 keys (RFC 7468), in the forms OpenSSL reads and writes:
 * {@code -----BEGIN PRIVATE KEY-----} (PKCS#8, unencrypted; {@code openssl genpkey -algorithm
 * ed25519}) and {@code -----BEGIN PUBLIC KEY-----} (SubjectPublicKeyInfo; {@code openssl pkey
 * -pubout}). A public-key file may hold several blocks (every key live at once); text between
 * blocks is ignored. A private key found in a public-key file is an error: origins must not hold it.
 */
public final class PemKeys {
    private PemKeys() {
    }

    /**
     * Every public key in a PEM file.
     *
     * @throws IOException naming the file when unreadable, empty, or holding anything but Ed25519
     *                     public keys
     */
    public static List<Ed25519PublicKey> readPublicKeys(Path file) throws IOException {
        try {
            return parsePublicKeys(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    /** @throws IllegalArgumentException as {@link #readPublicKeys} */
    public static List<Ed25519PublicKey> parsePublicKeys(String pem) {
        List<Ed25519PublicKey> keys = new ArrayList<>();
        for (PemObject block : blocks(pem)) {
            int n = keys.size() + 1;
            if (block.getType().endsWith("PRIVATE KEY")) {
                throw new IllegalArgumentException("block " + n + " is a private key; an origin needs only public "
                        + "keys (openssl pkey -in private.pem -pubout)");
            }
            if (!block.getType().equals("PUBLIC KEY")) {
                throw new IllegalArgumentException("block " + n + " is '" + block.getType() + "', not PUBLIC KEY");
            }
            try {
                keys.add(Ed25519PublicKey.fromSpki(block.getContent()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("block " + n + ": " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- block");
        }
        return keys;
    }

    /**
     * The private key in a PEM file (exactly one {@code PRIVATE KEY} block).
     *
     * @throws IOException naming the file when unreadable or not an unencrypted Ed25519 key
     */
    public static Ed25519PrivateKey readPrivateKey(Path file) throws IOException {
        try {
            return parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    /** @throws IllegalArgumentException as {@link #readPrivateKey} */
    public static Ed25519PrivateKey parsePrivateKey(String pem) {
        List<PemObject> blocks = blocks(pem);
        if (blocks.size() != 1) {
            throw new IllegalArgumentException("expected one -----BEGIN PRIVATE KEY----- block, found "
                    + blocks.size() + " PEM blocks");
        }
        PemObject block = blocks.get(0);
        if (block.getType().equals("ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException("the key is encrypted; decrypt it first (openssl pkey -in FILE)");
        }
        if (!block.getType().equals("PRIVATE KEY")) {
            throw new IllegalArgumentException("'" + block.getType() + "' is not a PKCS#8 PRIVATE KEY");
        }
        return Ed25519PrivateKey.fromPkcs8(block.getContent());
    }

    /**
     * Writes a private key readable by its owner only (mode 600 where the file system is POSIX; the
     * mode is set when the file is created, so it is never readable by others).
     *
     * @throws FileAlreadyExistsException rather than overwrite a key
     */
    public static void writePrivateKey(Path file, Ed25519PrivateKey key) throws IOException {
        if (Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, key.toPem(), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Writes public keys, one PEM block each. */
    public static void writePublicKeys(Path file, List<Ed25519PublicKey> keys) throws IOException {
        StringBuilder text = new StringBuilder();
        keys.forEach(k -> text.append(k.toPem()));
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<PemObject> blocks(String pem) {
        List<PemObject> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a PEM file: " + e.getMessage());
        }
        return blocks;
    }
}
