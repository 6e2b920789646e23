package dev.webseed.jetty.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.webseed.http.Route;
import dev.webseed.http.UrlPath;
import dev.webseed.paygate.HmacKey;
import dev.webseed.paygate.IssuedToken;
import dev.webseed.paygate.PemKeys;
import dev.webseed.paygate.Scope;
import dev.webseed.paygate.SigningKey;
import dev.webseed.paygate.TokenIssuer;
import dev.webseed.paygate.TokenVerifier;

/**
 * {@code token issue}: mints one paygate token and prints it on a line of its own, followed by the
 * personal {@code .torrent} URL of every path scope ({@code {publicUrl}torrent/t/{token}/{path}.torrent}).
 * Details and notes go to standard error, so {@code head -1} of standard output is the token.
 */
public final class TokenIssueCommand {
    static final String USAGE = """
            usage: token issue --private-key FILE --scope SCOPE[,SCOPE...] [--ttl 48h] [--subject TEXT]
                               [--public-url URL] [--budget BYTES] [--not-before INSTANT]
                   (--hmac-secret-file FILE instead of --private-key signs with the first HMAC secret)
              SCOPE     an info-hash (40 hex digits) or a content path prefix such as paid/ or film.mkv
              --ttl     lifetime: 90s, 30m, 48h, 7d or ISO-8601 (default 48h; make it outlive the download)
              --subject the buyer, e.g. an order number (default anonymous); revocable as 'sub TEXT'
              --budget  most bytes the origin serves for this token: 1500000000, 700m, 3g
              --public-url  the server's public base URL, to print full .torrent URLs""";
    private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)", Pattern.CASE_INSENSITIVE);
    private static final List<String> OPTIONS = List.of("--private-key", "--hmac-secret-file", "--scope", "--ttl",
            "--subject", "--public-url", "--budget", "--not-before");

    private TokenIssueCommand() {
    }

    /**
     * Runs the command.
     *
     * @param args the words after {@code token issue}
     * @return the exit code: 0 issued, 1 the key could not be read, 2 bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Clock.systemUTC());
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with the clock that dates the token. */
    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        if (CommandOptions.wantsHelp(args)) {
            out.println(USAGE);
            return 0;
        }
        Map<String, String> options;
        try {
            options = CommandOptions.parse(args, OPTIONS);
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
        boolean ed25519 = options.containsKey("--private-key");
        if (ed25519 == options.containsKey("--hmac-secret-file")) {
            return usage(err, "give exactly one of --private-key FILE and --hmac-secret-file FILE");
        }
        if (!options.containsKey("--scope")) {
            return usage(err, "--scope is required");
        }
        TokenIssuer.Builder token;
        URI publicUrl;
        List<Scope> scopes = new ArrayList<>();
        SigningKey key;
        try {
            for (String part : options.get("--scope").split(",")) {
                if (!part.isBlank()) {
                    scopes.add(Scope.parse(part.trim()));
                }
            }
            publicUrl = options.containsKey("--public-url") ? baseUrl(options.get("--public-url")) : null;
            Duration ttl = duration(options.getOrDefault("--ttl", "48h"));
            try {
                key = ed25519 ? PemKeys.readPrivateKey(Path.of(options.get("--private-key")))
                        : HmacKey.readSecrets(Path.of(options.get("--hmac-secret-file"))).get(0);
            } catch (IOException e) {
                err.println("token issue: cannot read the key: " + e.getMessage());
                return 1;
            }
            token = TokenIssuer.of(key, clock, TokenVerifier.DEFAULT_MAX_TOKEN_BYTES).token()
                    .subject(options.getOrDefault("--subject", "anonymous")).scopes(scopes).ttl(ttl);
            if (options.containsKey("--budget")) {
                token.budget(size(options.get("--budget")));
            }
            if (options.containsKey("--not-before")) {
                token.notBefore(Instant.parse(options.get("--not-before")));
            }
        } catch (RuntimeException e) {
            return usage(err, e.getMessage());
        }
        IssuedToken issued;
        try {
            issued = token.issue();
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        print(issued, publicUrl, out, err);
        return 0;
    }

    private static void print(IssuedToken issued, URI publicUrl, PrintStream out, PrintStream err) {
        String base = publicUrl == null ? "" : publicUrl.toString();
        out.println(issued.token());
        for (Scope scope : issued.claims().scopes()) {
            if (scope instanceof Scope.OfPath path) {
                out.println(base + Route.TORRENT.relative(issued.token()) + UrlPath.encodePath(path.prefix())
                        + ".torrent");
            }
        }
        for (Scope scope : issued.claims().scopes()) {
            if (scope instanceof Scope.OfInfoHash hash) {
                err.println("info-hash " + hash.hash().hex() + ": the shop maps it to its content path; the "
                        + "personal torrent is " + base + Route.TORRENT.relative(issued.token()) + "{path}.torrent");
            }
        }
        if (publicUrl == null) {
            err.println("(URLs are relative to the server's publicUrl; pass --public-url to print full ones)");
        }
        err.println("kid " + issued.claims().keyId() + ", token id " + issued.claims().tokenId() + ", subject '"
                + issued.claims().subject() + "', expires " + issued.claims().expiresAt()
                + issued.claims().byteBudget().stream().mapToObj(b -> ", budget " + b + " bytes").findFirst()
                        .orElse(""));
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--ttl '" + text + "' is not a duration such as 48h, 90m or PT48H");
        }
    }

    static long size(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--budget '" + text + "' is not a size such as 3g, 700m or 1500000");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("--budget '" + text + "' is too large");
        }
    }

    private static URI baseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text : text + "/");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--public-url '" + text + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("--public-url must be an absolute http or https URL without a query");
        }
        return uri;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("token issue: " + problem);
        err.println(USAGE);
        return 2;
    }
}
