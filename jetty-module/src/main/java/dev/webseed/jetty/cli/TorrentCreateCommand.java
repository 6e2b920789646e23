package dev.webseed.jetty.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.webseed.publish.Progress;
import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;
import dev.webseed.metainfo.Layout;
import dev.webseed.http.UrlPath;
import dev.webseed.metainfo.NamePolicy;
import dev.webseed.metainfo.PieceHasher;
import dev.webseed.metainfo.PieceLength;
import dev.webseed.metainfo.Torrent;

/**
 * {@code torrent create PATH [-o FILE] [--piece-length BYTES] [--webseed URL]... [--announce URL]
 * [--private] [--hash-threads N] [--force]}: makes a v1 {@code .torrent} of a file or folder with the same layout
 * (mktorrent's file order, hidden entries skipped), name policy and parallel hashing as the server.
 * Exit codes: 0 written, 1 failed (unreadable, refused, output exists), 2 bad arguments.
 */
public final class TorrentCreateCommand {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: torrent create PATH [-o FILE] [--piece-length BYTES] [--webseed URL]... [--announce URL]",
            "                           [--private] [--hash-threads N] [--force]",
            "  PATH                  a file (single-file torrent) or a folder (multi-file torrent)",
            "  -o, --output FILE     where to write the torrent (default: ./<name>.torrent)",
            "  --piece-length BYTES  a power of two from 16k to 64m, or auto (default: about 1,500 pieces)",
            "  --webseed URL         a BEP 19 web seed (repeatable); for a single file, a URL ending in /",
            "                        gets the encoded file name appended",
            "  --announce URL        the tracker",
            "  --private             set the BEP 27 private flag",
            "  --hash-threads N      threads hashing pieces (default: number of cores)",
            "  --force               overwrite FILE if it exists");

    private TorrentCreateCommand() {
    }

    /** For scripts and the benchmark: {@code java -cp … dev.webseed.jetty.cli.TorrentCreateCommand PATH …}. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command (arguments after {@code torrent create}); returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Path.of("").toAbsolutePath(), ProgressBar.stderrIsConsole(err));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Path cwd, boolean console) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("torrent create: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help) {
            out.println(USAGE);
            return 0;
        }
        Path target = cwd.resolve(options.path);
        if (!Files.exists(target)) {
            err.println("torrent create: no such file or folder: " + options.path);
            err.println(USAGE);
            return 2;
        }
        try {
            return create(options, target, out, err, cwd, console);
        } catch (IOException e) {
            err.println("torrent create: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("torrent create: interrupted");
            return 1;
        }
    }

    private static int create(Options options, Path target, PrintStream out, PrintStream err, Path cwd,
            boolean console) throws IOException, InterruptedException {
        Layout layout = Layout.scan(target, p -> true);
        if (layout.totalLength() == 0) {
            err.println("torrent create: " + options.path + " has no content (no files, or only empty ones)");
            return 1;
        }
        if (!options.webseeds.isEmpty()) {
            // web seed clients mangle such names (W20); without a web seed the names are only labels
            Optional<String> problem = NamePolicy.problem(layout);
            if (problem.isPresent()) {
                err.println("torrent create: web seed clients cannot fetch " + problem.get());
                return 1;
            }
        }
        Path output = cwd.resolve(options.output != null ? options.output : layout.name() + ".torrent");
        if (Files.exists(output) && !options.force) {
            err.println("torrent create: " + output + " exists; use --force to overwrite it");
            return 1;
        }
        long pieceLength = PieceLength.choose(options.pieceLength, layout.totalLength());
        ProgressBar bar = new ProgressBar(err, console, "hashing " + layout.name());
        byte[] pieces;
        long started = System.nanoTime();
        try (PieceHasher hasher = new PieceHasher(options.threads)) {
            pieces = hasher.hash(layout.files(), pieceLength, bar::update);
        } finally {
            bar.finish();
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        Torrent torrent = Torrent.create(layout, pieceLength, pieces, options.privateFlag,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        List<String> webseeds = new ArrayList<>();
        for (String url : options.webseeds) {
            webseeds.add(webseedUrl(url, layout, err));
        }
        Files.write(output, torrent.encode(options.announce, webseeds));
        out.println("wrote " + output);
        String files = layout.multiFile() ? " (" + layout.files().size() + " files)" : "";
        out.println("  name       " + layout.name() + files);
        long size = layout.totalLength();
        out.println("  size       " + size + " bytes (" + Progress.human(size) + ")");
        out.println("  pieces     " + torrent.pieceCount() + " x " + pieceLength + " bytes");
        out.println("  info-hash  " + torrent.infoHash().hex());
        out.println(String.format(Locale.ROOT, "  hashed in  %.3f s (%s/s, %d threads)", seconds,
                Progress.human((long) (size / seconds)), options.threads));
        return 0;
    }

    /** BEP 19 §1.1 / docs/protocol.md W10: a single file needs its full URL, a folder a base ending in /. */
    private static String webseedUrl(String url, Layout layout, PrintStream err) {
        if (!layout.multiFile()) {
            return url.endsWith("/") ? url + UrlPath.encode(layout.name()) : url;
        }
        if (!url.endsWith("/")) {
            err.println("torrent create: note: a multi-file web seed must end in /; using " + url + "/");
            return url + "/";
        }
        return url;
    }

    /** Parsed arguments. */
    static final class Options {
        String path;
        String output;
        long pieceLength;
        final List<String> webseeds = new ArrayList<>();
        String announce;
        boolean privateFlag;
        boolean force;
        boolean help;
        int threads = Runtime.getRuntime().availableProcessors();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String inline = null;
                if (arg.startsWith("--") && arg.contains("=")) {
                    inline = arg.substring(arg.indexOf('=') + 1);
                    arg = arg.substring(0, arg.indexOf('='));
                }
                switch (arg) {
                    case "-h", "--help" -> o.help = true;
                    case "--private" -> o.privateFlag = true;
                    case "--force" -> o.force = true;
                    case "-o", "--output", "--out" -> o.output = inline != null ? inline : value(args, ++i, arg);
                    case "--piece-length" ->
                            o.pieceLength = pieceLength(inline != null ? inline : value(args, ++i, arg));
                    case "--webseed" -> o.webseeds.add(url(inline != null ? inline : value(args, ++i, arg), arg));
                    case "--announce" -> o.announce = url(inline != null ? inline : value(args, ++i, arg), arg);
                    case "--hash-threads" -> o.threads = threads(inline != null ? inline : value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-") && arg.length() > 1) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        if (o.path != null) {
                            throw new IllegalArgumentException("one PATH only (got " + o.path + " and " + arg + ")");
                        }
                        o.path = arg;
                    }
                }
            }
            if (o.path == null && !o.help) {
                throw new IllegalArgumentException("PATH is missing");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].isEmpty()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static long pieceLength(String text) {
            try {
                return Settings.PIECE_LENGTH.parse(text);
            } catch (ConfigException e) {
                String problem = e.getMessage().replaceFirst("^parameter '" + e.parameter() + "': ", "");
                throw new IllegalArgumentException("--piece-length " + problem);
            }
        }

        private static int threads(String text) {
            try {
                return Settings.HASH_THREADS.parse(text);
            } catch (ConfigException e) {
                throw new IllegalArgumentException("--hash-threads " + e.getMessage().replaceFirst("^parameter '"
                        + e.parameter() + "': ", ""));
            }
        }

        private static String url(String text, String option) {
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                boolean web = scheme.equals("http") || scheme.equals("https");
                boolean tracker = option.equals("--announce") && scheme.equals("udp");
                if (!(web || tracker) || uri.getHost() == null) {
                    throw new IllegalArgumentException(option + " must be an absolute http(s) URL, was " + text);
                }
                return uri.toASCIIString();
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(option + " is not a valid URL (encode spaces as %20): " + text);
            }
        }
    }
}
