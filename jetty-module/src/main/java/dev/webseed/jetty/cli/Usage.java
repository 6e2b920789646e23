package dev.webseed.jetty.cli;

import java.util.List;

import dev.webseed.config.Setting;
import dev.webseed.config.Settings;
import dev.webseed.jetty.WebseedServer;

/** The {@code --help} text; the option list is written from {@link Settings#all()}, so it cannot drift. */
public final class Usage {
    private static final int WIDTH = 100;

    private Usage() {
    }

    /** The whole help text, ending with a line break. */
    public static String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("""
                Usage:
                  java -jar webseed-server.jar serve [--content-root DIR] [--port 8080] [--host 127.0.0.1]
                                                     [--public-url URL] [other options below]
                  java -jar webseed-server.jar torrent create PATH [-o FILE] [--piece-length BYTES]
                                                     [--webseed URL] [--announce URL]
                  java -jar webseed-server.jar keys generate -o DIR
                  java -jar webseed-server.jar token issue --private-key FILE --scope SCOPE
                                                     [--ttl DURATION] [--subject TEXT]
                  java -jar webseed-server.jar token revoke (--token TOKEN | --id JTI | --subject TEXT)
                                                     (--revocation-file FILE | --redis-url URL)
                  java -jar webseed-server.jar --help

                serve publishes every file and folder of the content root as a torrent
                (GET /torrent/<path>.torrent or .magnet), serves their bytes as a BEP 19 webseed
                (/seed/<path>) and runs a tracker (/announce, /scrape). It prints the URL it listens
                on and the .torrent URLs it publishes. Without --content-root it serves ./content,
                created with a sample file when missing. 'torrent create --help', 'keys generate --help',
                'token issue --help' and 'token revoke --help' describe the other commands.

                Options of serve (value after a space or '='; a true/false option alone means true).
                [brackets: the same setting's web.xml parameter name, and its default]
                """);
        option(sb, "--host HOST", "", WebseedServer.DEFAULT_HOST, "Address to listen on; 0.0.0.0 for every "
                + "interface (then set --public-url to the address clients use).");
        option(sb, "--port PORT", "", String.valueOf(WebseedServer.DEFAULT_PORT),
                "TCP port to listen on; 0 picks a free port (see the 'Listening on' line).");
        option(sb, ServeArguments.ACCESS_LOG + " FILE", "", "off", "Append an access log to FILE, one line per "
                + "request with paygate tokens masked (format: README, Error pages and access logs).");
        for (Setting<?> setting : Settings.all()) {
            option(sb, setting.option() + " " + metavar(setting), setting.name() + ", ", setting.defaultText(),
                    setting.description());
        }
        sb.append("""

                Exit codes: 0 stopped cleanly, 1 could not start, 2 bad command line.
                """);
        return sb.toString();
    }

    /** A placeholder for the value of a setting, from its type. */
    static String metavar(Setting<?> setting) {
        Class<?> type = setting.type();
        if (type == Boolean.class) {
            return "true|false";
        }
        if (type == java.nio.file.Path.class) {
            return setting.name().endsWith("Root") || setting.name().endsWith("Dir") ? "DIR" : "FILE";
        }
        if (type == java.net.URI.class) {
            return "URL";
        }
        if (type == java.time.Duration.class) {
            return "DURATION";
        }
        if (type == Integer.class || type == Long.class) {
            return "N";
        }
        if (type == List.class) {
            return "LIST";
        }
        return "TEXT";
    }

    private static void option(StringBuilder sb, String synopsis, String parameter, String defaultText,
            String description) {
        sb.append("  ").append(synopsis).append("   [").append(parameter).append("default: ").append(defaultText)
                .append("]\n");
        for (String line : Settings.wrap(description, WIDTH - 6)) {
            sb.append("      ").append(line).append('\n');
        }
    }
}
