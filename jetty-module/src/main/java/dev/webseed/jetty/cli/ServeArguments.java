package dev.webseed.jetty.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.webseed.config.ConfigException;
import dev.webseed.config.Setting;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.jetty.WebseedServer;

/**
 * Strict parser of the {@code serve} options: {@code --host}, {@code --port}, {@code --access-log} and every setting of
 * {@link Settings} as its {@link Setting#option()} ({@code --content-root DIR}). Values follow the
 * option as the next argument or after {@code =} ({@code --port=0}); a boolean option alone means
 * {@code true}. An unknown option, a repeated one, a missing or bad value is a {@link
 * UsageException} whose message names the option and its web.xml parameter.
 */
public final class ServeArguments {
    /** The folder {@code serve} uses without {@code --content-root}, relative to the working directory. */
    public static final Path DEFAULT_CONTENT_ROOT = Path.of("content");

    /** The access log option of the embedded server (not a library setting). */
    public static final String ACCESS_LOG = "--access-log";
    /** Options of {@code serve} that are not settings. */
    static final List<String> OWN_OPTIONS = List.of("--host", "--port", ACCESS_LOG);

    private ServeArguments() {
    }

    /** Parses the arguments that follow {@code serve}. */
    public static ServeOptions parse(String... args) throws UsageException {
        String host = WebseedServer.DEFAULT_HOST;
        int port = WebseedServer.DEFAULT_PORT;
        Path accessLog = null;
        WebseedConfig.Builder builder = WebseedConfig.builder();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String option = eq < 0 ? arg : arg.substring(0, eq);
            String inline = eq < 0 ? null : arg.substring(eq + 1);
            if (!seen.add(option)) {
                throw new UsageException("option " + option + " is given twice");
            }
            Optional<Setting<?>> setting = Settings.forOption(option);
            if (!OWN_OPTIONS.contains(option) && setting.isEmpty()) {
                throw new UsageException("unknown option " + option + suggestion(option));
            }
            String value = inline;
            if (value == null) {
                boolean flag = setting.isPresent() && setting.get().type() == Boolean.class;
                boolean next = i + 1 < args.length && !args[i + 1].startsWith("--");
                if (next) {
                    value = args[++i];
                } else if (flag) {
                    value = "true";
                } else {
                    throw new UsageException("option " + option + " needs a value");
                }
            }
            if (option.equals("--host")) {
                host = host(value);
            } else if (option.equals("--port")) {
                port = port(value);
            } else if (option.equals(ACCESS_LOG)) {
                if (value.isBlank()) {
                    throw new UsageException("invalid " + ACCESS_LOG + ": needs a file name");
                }
                accessLog = Path.of(value);
            } else {
                try {
                    builder.parse(setting.get().name(), value);
                } catch (ConfigException e) {
                    throw new UsageException("invalid " + option + ": " + e.getMessage());
                }
            }
        }
        boolean defaultRoot = !seen.contains(Settings.CONTENT_ROOT.option());
        if (defaultRoot) {
            builder.set(Settings.CONTENT_ROOT, DEFAULT_CONTENT_ROOT);
        }
        try {
            return new ServeOptions(host, port, builder.build(), defaultRoot, accessLog);
        } catch (ConfigException e) {
            String option = Settings.named(e.parameter()).map(Setting::option).orElse(e.parameter());
            throw new UsageException("invalid " + option + ": " + e.getMessage());
        }
    }

    private static String host(String value) throws UsageException {
        if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new UsageException("invalid --host: must be an address or host name such as 127.0.0.1 "
                    + "(was '" + value + "')");
        }
        return value;
    }

    private static int port(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("invalid --port: must be a number from 0 (any free port) to 65535 (was '"
                + value + "')");
    }

    /** " (did you mean --content-root?)" for a near miss such as {@code --contentroot}, else "". */
    static String suggestion(String option) {
        String bare = option.replaceFirst("^--", "");
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : bare.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        Optional<String> close = Settings.closest(camel.toString());
        if (close.isPresent()) {
            return " (did you mean " + Settings.named(close.get()).get().option() + "?)";
        }
        for (String own : OWN_OPTIONS) {
            if (own.substring(2).equals(bare.toLowerCase(Locale.ROOT))) {
                return " (did you mean " + own + "?)";
            }
        }
        return "";
    }
}
