package dev.webseed.jetty;

import java.io.PrintStream;
import java.util.Arrays;

import dev.webseed.jetty.cli.KeysGenerateCommand;
import dev.webseed.jetty.cli.ServeCommand;
import dev.webseed.jetty.cli.TokenIssueCommand;
import dev.webseed.jetty.cli.TokenRevokeCommand;
import dev.webseed.jetty.cli.TorrentCreateCommand;
import dev.webseed.jetty.cli.Usage;

/**
 * The command line of {@code webseed-server.jar} (docs/design.md "Command line"): {@code serve},
 * {@code torrent create}, and the paygate commands {@code keys generate}, {@code token issue} and {@code token revoke}. Exit codes: 0 success, 1 failure at run time, 2 bad command line.
 */
public final class Main {
    private Main() {
    }

    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    public static void main(String[] args) {
        // The library logs through System.Logger, which lands in java.util.logging here; one line
        // per record, like Jetty's own log, unless the operator chose a format.
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "%1$tF %1$tT.%1$tL:%4$s :%3$s: %5$s%6$s%n");
        }
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command; returns its exit code ({@code serve} returns only once the server stopped). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(Usage.text());
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "--help", "-h", "help":
                out.print(Usage.text());
                return 0;
            case "serve":
                if (rest.length == 1 && (rest[0].equals("--help") || rest[0].equals("-h"))) {
                    out.print(Usage.text());
                    return 0;
                }
                return ServeCommand.run(rest, out, err);
            case "torrent":
                if (rest.length > 0 && rest[0].equals("create")) {
                    return TorrentCreateCommand.run(Arrays.copyOfRange(rest, 1, rest.length), out, err);
                }
                return usageError(err, "torrent: expected 'torrent create PATH ...'");
            case "keys":
                if (rest.length > 0 && rest[0].equals("generate")) {
                    return KeysGenerateCommand.run(Arrays.copyOfRange(rest, 1, rest.length), out, err);
                }
                return usageError(err, "keys: expected 'keys generate -o DIR'");
            case "token":
                if (rest.length > 0 && rest[0].equals("issue")) {
                    return TokenIssueCommand.run(Arrays.copyOfRange(rest, 1, rest.length), out, err);
                }
                if (rest.length > 0 && rest[0].equals("revoke")) {
                    return TokenRevokeCommand.run(Arrays.copyOfRange(rest, 1, rest.length), out, err);
                }
                return usageError(err, "token: expected 'token issue --private-key FILE --scope SCOPE ...' or "
                        + "'token revoke (--token TOKEN | --id JTI | --subject TEXT) ...'");
            default:
                return usageError(err, "unknown command '" + args[0] + "'");
        }
    }

    private static int usageError(PrintStream err, String message) {
        err.println("webseed: " + message);
        err.println();
        err.print(Usage.text());
        return 2;
    }
}
