package dev.webseed.jetty.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.paygate.Revocation;
import dev.webseed.paygate.RevocationList;
import dev.webseed.paygate.TokenClaims;
import dev.webseed.shared.SharedState;
import dev.webseed.shared.SharedStates;

/**
 * {@code token revoke}: enters one revocation (a token, by itself or its id, or every token of a
 * buyer) where every server finds it: the revocation file they read ({@code paygateRevocationFile},
 * one line added) or the Redis they share ({@code redisUrl}, through the same shared state the
 * servers use). Needs no key: a token's id is read from the token.
 */
public final class TokenRevokeCommand {
    static final String USAGE = """
            usage: token revoke (--token TOKEN | --id JTI | --subject TEXT)
                                (--revocation-file FILE | --redis-url URL [--redis-key-prefix PREFIX])
              --token    a token as issued (its id is read from it; no key needed)
              --id       a token id: 32 hex digits ('token issue' prints it; servers log it with refusals)
              --subject  a buyer: every token issued with this --subject
              --revocation-file  the servers' paygateRevocationFile: the line is added (written beside
                         and renamed into place); every server reading the file refuses within 1 s
              --redis-url  the servers' redisUrl: entered in Redis; every server sharing it refuses
                         within its redisPollInterval plus redisTimeout. Needs webseed-redis on the
                         class path (README "Several servers")
              --redis-key-prefix  the servers' redisKeyPrefix (default webseed:)""";
    private static final List<String> OPTIONS = List.of("--token", "--id", "--subject", "--revocation-file",
            "--redis-url", "--redis-key-prefix");

    private TokenRevokeCommand() {
    }

    /**
     * Runs the command.
     *
     * @param args the words after {@code token revoke}
     * @return the exit code: 0 revoked (or already revoked), 1 not entered (file or Redis), 2 bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (CommandOptions.wantsHelp(args)) {
            out.println(USAGE);
            return 0;
        }
        Map<String, String> options;
        Revocation revocation;
        try {
            options = CommandOptions.parse(args, OPTIONS);
            revocation = revocation(options, err);
            if (options.containsKey("--revocation-file") == options.containsKey("--redis-url")) {
                throw new UsageException("give exactly one of --revocation-file FILE and --redis-url URL");
            }
            if (options.containsKey("--redis-key-prefix") && !options.containsKey("--redis-url")) {
                throw new UsageException("--redis-key-prefix goes with --redis-url");
            }
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
        return options.containsKey("--revocation-file")
                ? toFile(revocation, Path.of(options.get("--revocation-file")), out, err)
                : toRedis(revocation, options.get("--redis-url"), options.get("--redis-key-prefix"), out, err);
    }

    /** The one revocation the options name; a token's subject and expiry are shown on {@code err}. */
    private static Revocation revocation(Map<String, String> options, PrintStream err) throws UsageException {
        List<String> given = List.of("--token", "--id", "--subject").stream().filter(options::containsKey).toList();
        if (given.size() != 1) {
            throw new UsageException("give exactly one of --token TOKEN, --id JTI and --subject TEXT");
        }
        String name = given.get(0);
        String value = options.get(name);
        try {
            switch (name) {
                case "--token" -> {
                    TokenClaims claims = TokenClaims.unverified(value.strip());
                    err.println("token id " + claims.tokenId() + ", subject '" + claims.subject() + "', kid "
                            + claims.keyId() + ", expires " + claims.expiresAt() + " (signature not checked)");
                    return Revocation.of(claims);
                }
                case "--id" -> {
                    return Revocation.tokenId(value);
                }
                default -> {
                    return Revocation.subject(value);
                }
            }
        } catch (IllegalArgumentException e) {
            // a token is a secret: not echoed
            throw new UsageException(name + (name.equals("--token") ? "" : " '" + value + "'") + ": " + e.getMessage());
        }
    }

    private static int toFile(Revocation revocation, Path file, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(file)) {
            return usage(err, "--revocation-file " + file + " is not a file (every server's "
                    + "paygateRevocationFile exists already; create it empty first)");
        }
        try {
            boolean added = RevocationList.append(file, revocation);
            out.println((added ? "revoked: " : "already revoked: ") + revocation.line() + " in " + file);
            out.println("in force on every server reading this file within "
                    + RevocationList.POLL_INTERVAL.toSeconds() + " s");
            return 0;
        } catch (IOException e) {
            err.println("token revoke: nothing revoked: " + e.getMessage());
            return 1;
        }
    }

    private static int toRedis(Revocation revocation, String url, String prefix, PrintStream out, PrintStream err) {
        WebseedConfig config;
        try {
            // every configuration names a content root; the shared state reads only the redis settings
            WebseedConfig.Builder builder = WebseedConfig.builder().set(Settings.CONTENT_ROOT, Path.of("."))
                    .parse(Settings.REDIS_URL.name(), url);
            if (prefix != null) {
                builder.parse(Settings.REDIS_KEY_PREFIX.name(), prefix);
            }
            config = builder.build();
            if (config.get(Settings.REDIS_URL).isEmpty()) {
                throw new ConfigException(Settings.REDIS_URL.name(), "is empty");
            }
        } catch (ConfigException e) {
            return usage(err, (e.parameter().equals(Settings.REDIS_URL.name()) ? "--redis-url" : "--redis-key-prefix")
                    + ": " + e.getMessage());
        }
        Optional<SharedState> opened;
        try {
            opened = SharedStates.open(config, Clock.systemUTC());
        } catch (ConfigException e) {
            err.println("token revoke: --redis-url needs the webseed-redis module: put its jar and the jars of its "
                    + "redis-lib/ folder on the class path beside webseed-server.jar and run dev.webseed.jetty.Main "
                    + "(README \"Several servers\")");
            return 1;
        }
        try (SharedState shared = opened.orElseThrow()) {
            boolean tokenId = revocation.kind() == Revocation.Kind.TOKEN_ID;
            Set<String> value = Set.of(revocation.value());
            if (!shared.paygate().revocations().revoke(tokenId ? value : Set.of(), tokenId ? Set.of() : value)) {
                err.println("token revoke: nothing revoked: the Redis of --redis-url did not answer within "
                        + config.get(Settings.REDIS_TIMEOUT).toMillis() + " ms (down, or a wrong address or password)");
                return 1;
            }
        }
        out.println("revoked: " + revocation.line() + " in Redis (key prefix '"
                + config.get(Settings.REDIS_KEY_PREFIX) + "')");
        out.println("in force on every server sharing it within its redisPollInterval (default "
                + Settings.REDIS_POLL_INTERVAL.defaultText() + ") plus redisTimeout");
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("token revoke: " + problem);
        err.println(USAGE);
        return 2;
    }
}
