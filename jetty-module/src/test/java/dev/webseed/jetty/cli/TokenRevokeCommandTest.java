package dev.webseed.jetty.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.webseed.paygate.Ed25519PrivateKey;
import dev.webseed.paygate.IssuedToken;
import dev.webseed.paygate.Scope;
import dev.webseed.paygate.TokenIssuer;
import dev.webseed.paygate.TokenVerifier;

final class TokenRevokeCommandTest {
    private static final String ID = "3f9a0c2e5b7d41a8b6e0f1c2d3e4f5a6";

    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void revocationFile() throws Exception {
        file = Files.writeString(dir.resolve("revoked.txt"), "# refunds\nsub alice\n");
    }

    private CliRun revoke(String... args) {
        return CliRun.of(TokenRevokeCommand::run, args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            # arguments (FILE: an existing revocation file)   | on standard error
            --revocation-file FILE                            | give exactly one of --token TOKEN, --id JTI and --subject TEXT
            --id ID --subject bob --revocation-file FILE      | give exactly one of --token TOKEN, --id JTI and --subject TEXT
            --id ID                                           | give exactly one of --revocation-file FILE and --redis-url URL
            --id ID --revocation-file FILE --redis-url redis://127.0.0.1:1/0 | give exactly one of --revocation-file
            --id 12345 --revocation-file FILE                 | --id '12345': a token id is 32 hex digits
            --token abc --revocation-file FILE                | --token: token is not kid.payload.signature
            --token a.b!.c --revocation-file FILE             | --token: token is not valid base64url
            --subject %20bob --revocation-file FILE           | --subject ' bob': a subject must not hold control characters
            --id ID --revocation-file FILE --redis-key-prefix x: | --redis-key-prefix goes with --redis-url
            --id ID --redis-url http://127.0.0.1:1/0          | --redis-url: parameter 'redisUrl': expected redis://
            --id ID --redis-url FILE                          | --redis-url: parameter 'redisUrl'
            --id ID --revocation-file DIR/missing.txt         | --revocation-file DIR/missing.txt is not a file
            --id ID --revocation-file                         | --revocation-file needs a value
            --id ID --id ID --revocation-file FILE            | --id given twice
            --jti ID --revocation-file FILE                   | unexpected argument '--jti'
            """)
    void badArguments_exitTwoNamingTheArgument_andChangeNothing(String args, String message) throws Exception {
        String[] words = args.replace("%20", "\u0000").split(" ");
        for (int i = 0; i < words.length; i++) {
            words[i] = words[i].replace("\u0000", " ").replace("FILE", file.toString()).replace("DIR", dir.toString())
                    .replace("ID", ID);
        }
        CliRun run = revoke(words);
        assertThat(run.toString(), run.exit(), is(2));
        assertThat(run.toString(), run.err(), containsString(message.replace("DIR", dir.toString())));
        assertThat("the file is untouched", Files.readString(file), is("# refunds\nsub alice\n"));
    }

    @Test
    void revocationFile_getsTheLineOnce_keepingTheOthers() throws Exception {
        CliRun first = revoke("--id", ID.toUpperCase(), "--revocation-file", file.toString());
        assertThat(first.toString(), first.exit(), is(0));
        assertThat(first.out(), containsString("revoked: jti " + ID + " in " + file));
        assertThat(first.out(), containsString("within 1 s"));
        CliRun again = revoke("--id=" + ID, "--revocation-file=" + file);
        assertThat(again.toString(), again.exit(), is(0));
        assertThat(again.out(), containsString("already revoked: jti " + ID));
        CliRun subject = revoke("--subject", "order 7", "--revocation-file", file.toString());
        assertThat(subject.toString(), subject.exit(), is(0));
        assertThat(Files.readString(file), is("# refunds\nsub alice\njti " + ID + "\nsub order 7\n"));
    }

    @Test
    void token_isRevokedByItsId_readWithoutTheKey() throws Exception {
        IssuedToken issued = TokenIssuer.of(Ed25519PrivateKey.generate(), Clock.systemUTC(),
                TokenVerifier.DEFAULT_MAX_TOKEN_BYTES).token().subject("order-1234").scope(Scope.path("paid/"))
                .ttl(Duration.ofHours(48)).issue();
        CliRun run = revoke("--token", issued.token(), "--revocation-file", file.toString());
        assertThat(run.toString(), run.exit(), is(0));
        assertThat("the token's id, not its buyer", Files.readString(file),
                is("# refunds\nsub alice\njti " + issued.claims().tokenId() + "\n"));
        assertThat("shows whose token it is", run.err(), containsString("subject 'order-1234'"));
        assertThat("never prints the token", run.out() + run.err(), not(containsString(issued.token())));
    }

    @Test
    void aBadRevocationFile_isReportedAndLeftAlone() throws Exception {
        Files.writeString(file, "bogus\n");
        CliRun run = revoke("--id", ID, "--revocation-file", file.toString());
        assertThat(run.toString(), run.exit(), is(1));
        assertThat(run.err(), containsString("line 1"));
        assertThat(Files.readString(file), is("bogus\n"));
    }

    @Test
    void help_showsTheUsage() {
        CliRun run = revoke("--help");
        assertThat(run.exit(), is(0));
        assertThat(run.out(), containsString("usage: token revoke"));
    }
}
