package dev.webseed.jetty.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.webseed.paygate.Ed25519PrivateKey;
import dev.webseed.paygate.PemKeys;

final class KeysGenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAMatchingKeyPair() throws Exception {
        Path out = dir.resolve("shop/keys");
        CliRun run = CliRun.of(KeysGenerateCommand::run, "--out", out.toString());
        assertThat(run.toString(), run.exit(), is(0));
        Ed25519PrivateKey key = PemKeys.readPrivateKey(out.resolve("private.pem"));
        assertThat("public.pem holds the private key's public half",
                PemKeys.readPublicKeys(out.resolve("public.pem")).get(0), is(key.publicKey()));
        assertThat("private key owner-only", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("private.pem"))), is("rw-------"));
        assertThat("prints the kid", run.out(), containsString(key.kid()));
    }

    @Test
    void neverOverwritesAKey() throws Exception {
        assertThat("first", CliRun.of(KeysGenerateCommand::run, "--out", dir.toString()).exit(), is(0));
        String before = Files.readString(dir.resolve("private.pem"));
        CliRun again = CliRun.of(KeysGenerateCommand::run, "--out=" + dir);
        assertThat(again.toString(), again.exit(), is(1));
        assertThat("says why", again.err(), containsString("exists"));
        assertThat("key unchanged", Files.readString(dir.resolve("private.pem")), is(before));
    }

    /** The same output options as {@code torrent create}: -o, --output, and --out as before. */
    @ParameterizedTest
    @ValueSource(strings = {"-o", "--output", "--out", "--output=", "--out="})
    void theOutputOptionIsSpeltAsInTorrentCreate(String option) throws Exception {
        Path out = dir.resolve(option.replace("=", "eq"));
        String[] args = option.endsWith("=") ? new String[] {option + out} : new String[] {option, out.toString()};
        assertThat(CliRun.of(KeysGenerateCommand::run, args).exit(), is(0));
        assertThat(Files.isRegularFile(out.resolve("public.pem")), is(true));
        TorrentCreateCommand.Options options = TorrentCreateCommand.Options.parse(new String[] {"x", "--out", "f"});
        assertThat(options.output, is("f"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--out", "-o", "--out a --output b", "--bogus x", "--out a --out b", "extra"})
    void badArgumentsPrintUsageAndExit2(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        CliRun run = CliRun.of(KeysGenerateCommand::run, args);
        assertThat(run.toString(), run.exit(), is(2));
        assertThat("usage", run.err(), containsString("usage: keys generate -o|--output DIR"));
    }
}
