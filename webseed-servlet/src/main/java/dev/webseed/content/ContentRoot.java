package dev.webseed.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.webseed.config.WebseedConfig;
import dev.webseed.config.Settings;

/**
 * The folder whose files are published and served.
 *
 * <p>A relative path is a string of {@code /}-separated, already percent-decoded segments, e.g.
 * {@code Season 1/ep1.mkv}. It resolves only when every segment is a plain name (not empty, not
 * {@code .} or {@code ..}, no NUL, no backslash, not starting with {@code .}, so hidden files and
 * the {@code .webseed} cache are out), the target exists, and its real path (symbolic links
 * followed) lies inside the root's real path and outside the cache folder. With {@code
 * followSymlinks} a link may lead outside the root; the other rules still hold.</p>
 *
 * <p>Symbolic links that stay inside the root: every rule holds for what is opened, not
 * only for the name asked for. A path reached through a link (its real path differs from its
 * name) is servable only when its real path, relative to the root, is itself made of plain names
 * (no hidden file or folder, not the cache) and is not paid ({@code paygateProtect}). So a
 * link may alias free, visible content; a link into paid, hidden or cache content names nothing
 * (404 on every endpoint, left out of folder torrents), even with a token: a token's scope is
 * judged on names, and a link would let a name stand for bytes the scope does not cover. The
 * torrent name policy applies to the names a torrent carries, which are the link names. This is
 * the one place the rule lives: the webseed, the torrent endpoint, the publisher and folder scans
 * all ask {@link #resolve} or {@link #isServable}.</p>
 */
public final class ContentRoot {
    private final Path root;
    private final Path cacheDir;
    private final boolean followSymlinks;
    private final Predicate<String> protectedPath;

    private ContentRoot(Path root, Path cacheDir, boolean followSymlinks, Predicate<String> protectedPath) {
        this.root = root;
        this.cacheDir = cacheDir;
        this.followSymlinks = followSymlinks;
        this.protectedPath = protectedPath;
    }

    /**
     * Opens the configured root, creating the cache folder.
     *
     * @throws UncheckedIOException if the root is not a readable folder
     */
    public static ContentRoot open(WebseedConfig config) {
        return open(config, path -> false);
    }

    /**
     * Opens the configured root where {@code paid} tells which relative paths need a paygate
     * token ({@code Paygate::isPaid}, as {@link dev.webseed.Webseed} passes it), so that no symbolic
     * link leads into paid content.
     */
    public static ContentRoot open(WebseedConfig config, Predicate<String> paid) {
        return open(config.contentRoot(), config.cacheDir(), config.get(Settings.FOLLOW_SYMLINKS), paid);
    }

    /** A root where nothing is protected. */
    public static ContentRoot open(Path root, Path cacheDir, boolean followSymlinks) {
        return open(root, cacheDir, followSymlinks, path -> false);
    }

    /**
     * Opens a root; {@code protectedPath} tells whether a relative path needs a paygate token, so
     * that no symbolic link leads into such content.
     */
    public static ContentRoot open(Path root, Path cacheDir, boolean followSymlinks, Predicate<String> protectedPath) {
        try {
            Path realRoot = root.toRealPath();
            if (!Files.isDirectory(realRoot)) {
                throw new IOException("contentRoot " + root + " is not a folder");
            }
            Files.createDirectories(cacheDir);
            return new ContentRoot(realRoot, cacheDir.toRealPath(), followSymlinks,
                    Objects.requireNonNull(protectedPath, "protectedPath"));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("contentRoot " + root + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The real path of the root. */
    public Path root() {
        return root;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /**
     * The real path of an existing, servable file or folder, or empty when the path breaks a rule
     * above or names nothing. The root itself is the empty string.
     */
    public Optional<Path> resolve(String relativePath) {
        Objects.requireNonNull(relativePath, "relativePath");
        Path candidate = root;
        if (!relativePath.isEmpty()) {
            for (String segment : relativePath.split("/", -1)) {
                if (!isPlainName(segment)) {
                    return Optional.empty();
                }
                candidate = candidate.resolve(segment);
            }
        }
        try {
            Path real = candidate.toRealPath();
            return admits(candidate, real) ? Optional.of(real) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * True for a file or folder, as named below the root (e.g. found by a folder scan), that may be
     * served: the rules of the class comment, on its name and on its real path.
     */
    public boolean isServable(Path named) {
        try {
            return admits(named.toAbsolutePath().normalize(), named.toRealPath());
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private boolean admits(Path named, Path real) {
        if (real.startsWith(cacheDir)) {
            return false;
        }
        if (real.startsWith(root)) {
            if (!real.equals(named)) { // reached through a link: judge what is opened
                String relative = relativize(real);
                if (relative.isEmpty() || !plainPath(relative) || protectedPath.test(relative)) {
                    return false;
                }
            }
        } else if (!followSymlinks) {
            return false;
        }
        return Files.isRegularFile(real) || Files.isDirectory(real);
    }

    private static boolean plainPath(String relative) {
        for (String segment : relative.split("/", -1)) {
            if (!isPlainName(segment)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code /}-separated path of a file below the root, as used in URLs and torrents. */
    public String relativize(Path path) {
        Path rel = root.relativize(path);
        List<String> parts = new ArrayList<>();
        rel.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    /** Top-level files and folders that are published by default, sorted by name. */
    public List<Path> topLevelEntries() {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> isPlainName(p.getFileName().toString()))
                    .filter(p -> Files.isRegularFile(p) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(this::isServable)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A name that may appear as one path segment: not empty, not hidden, no separators or NUL. */
    public static boolean isPlainName(String segment) {
        return !segment.isEmpty() && segment.charAt(0) != '.' && segment.indexOf('\0') < 0
                && segment.indexOf('\\') < 0 && segment.indexOf('/') < 0;
    }
}
