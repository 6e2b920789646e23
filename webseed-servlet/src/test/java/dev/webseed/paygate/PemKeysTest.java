package dev.webseed.paygate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.testing.Interop;

final class PemKeysTest {
    @TempDir
    Path dir;

    @Test
    void privateKeyIsWrittenAsOpenSslWritesIt() throws IOException {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate();
        byte[] der = key.pkcs8();
        // RFC 8410 §10.3: SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING(32) } }
        assertThat("PKCS#8 v1 prefix", HexFormat.of().formatHex(der, 0, 16), is("302e020100300506032b657004220420"));
        assertThat("48 bytes", der.length, is(48));
        Path file = dir.resolve("private.pem");
        PemKeys.writePrivateKey(file, key);
        assertThat("PEM", Files.readString(file), startsWith("-----BEGIN PRIVATE KEY-----"));
        assertThat("owner only", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), is("rw-------"));
        assertThat("reads back", PemKeys.readPrivateKey(file).kid(), is(key.kid()));
        assertThrows(FileAlreadyExistsException.class, () -> PemKeys.writePrivateKey(file, key));
    }

    @Test
    void publicKeyFileMayHoldSeveralKeys() throws IOException {
        Ed25519PublicKey a = Ed25519PrivateKey.generate().publicKey();
        Ed25519PublicKey b = Ed25519PrivateKey.generate().publicKey();
        Path file = dir.resolve("public.pem");
        Files.writeString(file, "shop key 2026\n" + a.toPem() + "\nshop key 2027\n" + b.toPem());
        List<Ed25519PublicKey> keys = PemKeys.readPublicKeys(file);
        assertThat("both", keys, is(List.of(a, b)));
        assertThat("SPKI is 44 bytes", a.spki().length, is(44));
        assertThat("kid is 11 base64url characters", a.kid().matches("[A-Za-z0-9_-]{11}"), is(true));
        assertThat("kid is the SHA-256 of the SPKI", a.kid(), is(Kids.of(a.spki())));
    }

    @Test
    void privateKeyInThePublicKeyFileIsRefused() {
        String pem = Ed25519PrivateKey.generate().publicKey().toPem() + Ed25519PrivateKey.generate().toPem();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PemKeys.parsePublicKeys(pem));
        assertThat(e.getMessage(), e.getMessage(), containsString("block 2 is a private key"));
    }

    @Test
    void garbageKeyFilesFailWithAMessage() {
        for (String pem : new String[] {"", "hello", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PemKeys.parsePublicKeys(pem), pem);
            assertThat(pem, e.getMessage().isBlank(), is(false));
        }
        assertThrows(IllegalArgumentException.class, () -> PemKeys.parsePrivateKey(
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"));
        assertThrows(IllegalArgumentException.class,
                () -> PemKeys.parsePrivateKey(Ed25519PrivateKey.generate().publicKey().toPem()));
    }

    @Test
    void hmacSecretFileHoldsSeveralSecrets() throws IOException {
        byte[] s1 = HmacKey.generateSecret();
        byte[] s2 = HmacKey.generateSecret();
        Path file = dir.resolve("hmac.txt");
        Files.writeString(file, "# shop secrets\n" + HmacKey.encode(s1) + "\n\n"
                + Base64Url.encode(s2) + "\n");
        List<HmacKey> keys = HmacKey.readSecrets(file);
        assertThat("two", keys, is(List.of(HmacKey.of(s1), HmacKey.of(s2))));
        Files.writeString(file, HmacKey.encode(new byte[16]) + "\n");
        IOException e = assertThrows(IOException.class, () -> HmacKey.readSecrets(file));
        assertThat(e.getMessage(), e.getMessage(), containsString("line 1: a secret needs at least 32 bytes"));
    }

    /** OpenSSL writes keys we read, reads keys we write, and both sides verify each other's signatures. */
    @Test
    void interoperatesWithOpenSsl() throws Exception {
        Path openssl = Interop.require("openssl", "apt-get install openssl");
        Path theirs = dir.resolve("theirs.pem");
        run(openssl, "genpkey", "-algorithm", "ed25519", "-out", theirs.toString());
        run(openssl, "pkey", "-in", theirs.toString(), "-pubout", "-out", dir.resolve("theirs.pub").toString());
        Ed25519PrivateKey theirKey = PemKeys.readPrivateKey(theirs);
        Ed25519PublicKey theirPublic = PemKeys.readPublicKeys(dir.resolve("theirs.pub")).get(0);
        assertThat("same public key", theirPublic, is(theirKey.publicKey()));
        assertThat("our private PEM equals theirs byte for byte", theirKey.toPem(),
                is(Files.readString(theirs).replace("\r\n", "\n")));

        // the documented kid recipe, done by openssl
        Path der = dir.resolve("theirs.der");
        run(openssl, "pkey", "-pubin", "-in", dir.resolve("theirs.pub").toString(), "-outform", "DER", "-out",
                der.toString());
        Path digest = dir.resolve("digest.bin");
        run(openssl, "dgst", "-sha256", "-binary", "-out", digest.toString(), der.toString());
        byte[] first8 = java.util.Arrays.copyOf(Files.readAllBytes(digest), 8);
        assertThat("kid recipe", Base64Url.encode(first8), is(theirPublic.kid()));

        // our key, their tools
        Ed25519PrivateKey ours = Ed25519PrivateKey.generate();
        Path oursPem = dir.resolve("ours.pem");
        PemKeys.writePrivateKey(oursPem, ours);
        Path oursPub = dir.resolve("ours.pub");
        run(openssl, "pkey", "-in", oursPem.toString(), "-pubout", "-out", oursPub.toString());
        assertThat("openssl derives our public key", Files.readString(oursPub), is(ours.publicKey().toPem()));

        // their signature verifies here; our signature verifies there
        Path message = dir.resolve("message.txt");
        Files.writeString(message, "kid.payload");
        Path sig = dir.resolve("sig.bin");
        run(openssl, "pkeyutl", "-sign", "-rawin", "-inkey", theirs.toString(), "-in", message.toString(), "-out",
                sig.toString());
        byte[] msg = "kid.payload".getBytes(StandardCharsets.US_ASCII);
        assertThat("their signature", theirPublic.verify(msg, msg.length, Files.readAllBytes(sig)), is(true));
        Files.write(sig, ours.sign(msg));
        assertThat("our signature, openssl verifies", run(openssl, "pkeyutl", "-verify", "-rawin", "-pubin", "-inkey",
                oursPub.toString(), "-in", message.toString(), "-sigfile", sig.toString()), is(0));
    }

    private int run(Path openssl, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(openssl.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("openssl timed out: " + command);
        }
        assertThat(command + ": " + Files.readString(dir.resolve("openssl.log")), p.exitValue(), is(0));
        return p.exitValue();
    }
}
