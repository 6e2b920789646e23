package dev.webseed.paygate;

import static dev.webseed.paygate.Fixture.T0;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.config.WebseedConfig;
import dev.webseed.testing.SteppingClock;

/**
 * Keys rotate without a restart (README "Several servers"): the key files are re-read when they change, checked
 * once per {@code paygateKeyReloadInterval} of the injected clock. The README's rotation procedure,
 * step by step: add the next key, switch the shop to it, later remove the old one.
 */
final class KeyRotationTest {
    @TempDir
    Path dir;
    private final SteppingClock clock = new SteppingClock(T0);
    private final Ed25519PrivateKey oldKey = Ed25519PrivateKey.generate();
    private final Ed25519PrivateKey newKey = Ed25519PrivateKey.generate();

    private String token(SigningKey key) {
        return TokenIssuer.of(key, clock, 1024).token().subject("buyer").scope(Scope.path("paid/"))
                .ttl(Duration.ofHours(1)).issue().token();
    }

    private DenialReason verdict(Paygate paygate, String token) {
        Verdict v = paygate.verifier().verify(token, Target.path("paid/film.mkv"));
        return v instanceof Verdict.Denied denied ? denied.reason() : null;
    }

    /** Writes beside the file and renames into place (the documented way), with a distinct mtime. */
    private void publish(Path file, List<Ed25519PublicKey> keys, int step) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        PemKeys.writePublicKeys(next, keys);
        Files.setLastModifiedTime(next, FileTime.fromMillis(T0.toEpochMilli() + step * 1000L));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void addSwitchRemove_withoutRestartAndWithoutARefusedBuyer() throws IOException {
        Path pem = dir.resolve("public.pem");
        publish(pem, List.of(oldKey.publicKey()), 1);
        Paygate paygate = Paygate.fromConfig(WebseedConfig.fromParameters(Map.of("contentRoot", dir.toString(),
                "paygatePublicKeys", pem.toString(), "paygateProtect", "paid/",
                "paygateKeyReloadInterval", "1s")), clock);
        String old = token(oldKey);
        String next = token(newKey);
        assertThat("old key accepted", verdict(paygate, old), is((DenialReason) null));
        assertThat("next key not yet known", verdict(paygate, next), is(DenialReason.UNKNOWN_KEY));

        // 1. add the next key: both are live
        publish(pem, List.of(oldKey.publicKey(), newKey.publicKey()), 2);
        assertThat("not looked at before the interval", verdict(paygate, next), is(DenialReason.UNKNOWN_KEY));
        clock.advance(Duration.ofSeconds(1));
        assertThat("next key accepted after one interval", verdict(paygate, next), is((DenialReason) null));
        assertThat("old key still accepted", verdict(paygate, old), is((DenialReason) null));

        // a bad edit keeps the ring: nobody is locked out by a half-written file
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\nnot base64\n");
        clock.advance(Duration.ofSeconds(1));
        assertThat("old key kept", verdict(paygate, old), is((DenialReason) null));
        assertThat("next key kept", verdict(paygate, next), is((DenialReason) null));

        // 2. the shop signs with the next key (nothing to do here); 3. once the old tokens have
        // expired, remove the old key: its tokens stop, even the cached ones
        publish(pem, List.of(newKey.publicKey()), 3);
        clock.advance(Duration.ofSeconds(1));
        assertThat("old key removed: refused although cached", verdict(paygate, old), is(DenialReason.UNKNOWN_KEY));
        assertThat("next key accepted", verdict(paygate, next), is((DenialReason) null));
    }

    @Test
    void hmacSecretFileRotatesTheSameWay() throws IOException {
        Path secrets = dir.resolve("hmac.txt");
        byte[] first = HmacKey.generateSecret();
        byte[] second = HmacKey.generateSecret();
        Files.writeString(secrets, HmacKey.encode(first) + "\n");
        Paygate paygate = Paygate.fromConfig(WebseedConfig.fromParameters(Map.of("contentRoot", dir.toString(),
                "paygateHmacSecretFile", secrets.toString(), "paygateProtect", "paid/")), clock);
        String before = token(HmacKey.of(first));
        String after = token(HmacKey.of(second));
        assertThat(verdict(paygate, before), is((DenialReason) null));
        assertThat(verdict(paygate, after), is(DenialReason.UNKNOWN_KEY));
        Files.writeString(secrets, HmacKey.encode(first) + "\n" + HmacKey.encode(second) + "\n");
        Files.setLastModifiedTime(secrets, FileTime.fromMillis(T0.toEpochMilli() + 5000));
        clock.advance(Duration.ofSeconds(1));
        assertThat("second secret accepted without restart", verdict(paygate, after), is((DenialReason) null));
    }
}
