package dev.webseed.jetty.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.server.Server;

import dev.webseed.Webseed;
import dev.webseed.config.Settings;
import dev.webseed.http.Route;
import dev.webseed.jetty.WebseedServer;
import dev.webseed.metainfo.Links;

/**
 * {@code serve}: starts the embedded server, prints {@code Listening on <url>} on a line of its
 * own and the {@code .torrent} URL of every top-level entry of the content root, then runs until
 * the JVM is asked to stop (Ctrl-C / SIGTERM run Jetty's shutdown hook, which stops the server
 * gracefully and closes the {@link Webseed}).
 */
public final class ServeCommand {
    static final String SAMPLE_NAME = "welcome.txt";
    static final String SAMPLE_TEXT = """
            Welcome to Webseed.

            This folder is the content root of a Webseed server. Every file and folder you put here
            is published as a BitTorrent torrent and served over HTTP as a BEP 19 webseed, so any
            torrent client (aria2, Transmission, qBittorrent, WebTorrent...) can download it from
            this server and from each other.

            The server prints the .torrent URL of each entry when it starts, for example
              http://127.0.0.1:8080/torrent/welcome.txt.torrent
            Give that URL to a torrent client, e.g.
              aria2c --seed-time=0 http://127.0.0.1:8080/torrent/welcome.txt.torrent

            This file was created because ./content did not exist; delete it or replace it with
            your own files.
            """;

    private ServeCommand() {
    }

    /** Parses, starts and blocks until the server stops; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ServeOptions options;
        try {
            options = ServeArguments.parse(args);
        } catch (UsageException e) {
            err.println("webseed serve: " + e.getMessage());
            err.println("Run 'java -jar webseed-server.jar --help' for every option.");
            return 2;
        }
        Server server;
        try {
            server = start(options, out);
        } catch (StartException e) {
            err.println("webseed serve: " + e.getMessage());
            return 1;
        }
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("Stopped.");
        out.flush();
        return 0;
    }

    /**
     * Creates the default content folder if needed, starts the server and prints where it listens
     * and what it publishes. The returned server is running.
     */
    public static Server start(ServeOptions options, PrintStream out) throws StartException {
        if (options.defaultContentRoot()) {
            createDefaultContent(options.config().contentRoot(), out);
        }
        Server server;
        try {
            server = WebseedServer.createServer(options.host(), options.port(), options.config());
            if (options.accessLog() != null) {
                server.setRequestLog(WebseedServer.accessLog(options.accessLog()));
            }
        } catch (UncheckedIOException e) {
            throw new StartException(e.getMessage(), e);
        }
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new StartException(startFailure(e), e);
        }
        Webseed webseed;
        try {
            webseed = WebseedServer.webseed(server);
        } catch (IllegalStateException e) {
            // Jetty keeps a server up whose context failed; that is a failed start for us.
            stopQuietly(server);
            throw new StartException("the web application did not start; see the log above", e);
        }
        URI base = WebseedServer.publicUrl(server);
        out.println("Serving " + webseed.content().root());
        URI listening = WebseedServer.listeningUrl(server);
        out.println("Listening on " + listening);
        if (!base.equals(listening)) {
            out.println("Public URL " + base);
        }
        List<String> urls = torrentUrls(base, webseed);
        if (urls.isEmpty()) {
            out.println("Nothing to publish yet: put files or folders into " + webseed.content().root());
        } else {
            out.println("Torrents:");
            urls.forEach(url -> out.println("  " + url));
        }
        if (webseed.config().get(Settings.TRACKER_ENABLED)) {
            out.println("Tracker " + base.resolve(Route.TRACKER.relative()));
        }
        // the operator view (docs/operator-view.md); /stats, /metrics and /status answer statsAllow addresses only
        out.println("Torrents page " + base);
        out.println("Status " + base.resolve("status") + " (also " + base.resolve("stats") + ", "
                + base.resolve("metrics") + "; readable from " + String.join(",",
                webseed.config().get(Settings.STATS_ALLOW)) + ")");
        out.println("Health " + base.resolve("health"));
        out.println("Press Ctrl-C to stop.");
        out.flush();
        if (webseed.config().get(Settings.PREHASH)) {
            HashingWatch.start(webseed.publisher(), out, out == System.out && System.console() != null);
        }
        return server;
    }

    /** {@code <base>torrent/<encoded path>.torrent} for every top-level entry of the root. */
    static List<String> torrentUrls(URI base, Webseed webseed) {
        List<String> urls = new ArrayList<>();
        for (Path entry : webseed.content().topLevelEntries()) {
            urls.add(Links.torrentUrl(base, webseed.content().relativize(entry)));
        }
        return urls;
    }

    static void createDefaultContent(Path root, PrintStream out) throws StartException {
        if (Files.exists(root)) {
            return;
        }
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve(SAMPLE_NAME), SAMPLE_TEXT, StandardCharsets.UTF_8);
            out.println("Created " + root.toAbsolutePath().normalize() + " with a sample file, " + SAMPLE_NAME);
        } catch (IOException e) {
            throw new StartException("cannot create the content folder " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The most useful message of a failed start: the one {@code WebseedListener} wrote ("webseed:
     * parameter 'x': ..."), else the deepest cause's.
     */
    public static String startFailure(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("webseed: ")) {
                return t.getMessage().substring("webseed: ".length());
            }
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing; the start error is what the user needs to see
        }
    }

    /** The server could not start; the message says why. */
    public static final class StartException extends Exception {
        private static final long serialVersionUID = 1L;

        StartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
