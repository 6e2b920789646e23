package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.webseed.config.Setting;
import dev.webseed.config.Settings;

final class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void help_listsEverySettingWithOptionDefaultAndMeaning() {
        int code = run("--help");
        assertThat("exit code", code, is(0));
        String help = out.toString(StandardCharsets.UTF_8);
        for (Setting<?> setting : Settings.all()) {
            assertThat(setting.name(), help, containsString(setting.option() + " "));
            assertThat(setting.name(), help, containsString("[" + setting.name() + ", default: "
                    + setting.defaultText() + "]"));
            String firstWords = String.join(" ", java.util.Arrays.asList(setting.description().split(" ")).subList(0,
                    Math.min(3, setting.description().split(" ").length)));
            assertThat(setting.name(), help, containsString(firstWords));
        }
        assertThat("own options", help, containsString("--port PORT"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            # arguments                       | exit | on standard error
            keys                              | 2    | expected 'keys generate -o DIR'
            keys generate                     | 2    | -o/--output DIR is required
            token                             | 2    | expected 'token issue
            token issue --frobnicate          | 2    | unexpected argument '--frobnicate'
            token revoke --frobnicate         | 2    | token revoke: unexpected argument '--frobnicate'
            token frobnicate                  | 2    | or 'token revoke
            frobnicate                        | 2    | unknown command 'frobnicate'
            torrent                           | 2    | expected 'torrent create PATH
            serve --no-such-option 1          | 2    | unknown option --no-such-option
            serve --port 99999                | 2    | invalid --port
            serve --numwant-max x             | 2    | parameter 'numwantMax'
            """)
    void badOrUnavailableCommand_exitsTwoSayingWhy(String args, int exit, String message) {
        int code = run(args.split(" "));
        assertThat(args, code, is(exit));
        assertThat(args, err.toString(StandardCharsets.UTF_8), containsString(message));
    }

    @Test
    void serveUsageError_isTheErrorAndWhereTheHelpIs_notTheWholeHelp() {
        run("serve", "--bogus");
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text, is("webseed serve: unknown option --bogus\n"
                + "Run 'java -jar webseed-server.jar --help' for every option.\n"));
    }

    @Test
    void help_labelsFilesAsFileAndFoldersAsDir() {
        run("--help");
        String help = out.toString(StandardCharsets.UTF_8);
        for (String file : new String[] {"--paygate-public-keys FILE", "--paygate-hmac-secret-file FILE",
                "--paygate-revocation-file FILE", "--access-log FILE", "--content-root DIR", "--cache-dir DIR"}) {
            assertThat(help, containsString(file));
        }
    }

    @Test
    void torrentCreate_isDispatchedWithTheRemainingArguments() {
        int code = run("torrent", "create");
        // The command itself belongs to another piece of work; here only the dispatch is checked:
        // it ran (and wrote to our streams) instead of the usage error of an unknown command.
        assertThat("not an unknown command", err.toString(StandardCharsets.UTF_8).contains("unknown command"),
                is(false));
        assertThat("some exit code from the command", code >= 0, is(true));
        assertThat("it said something", out.size() + err.size() > 0, is(true));
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
