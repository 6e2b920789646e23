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
 */
public final class ContentRoot {
    private final Path root;
    private final Path cacheDir;
    private final boolean followSymlinks;

    private ContentRoot(Path root, Path cacheDir, boolean followSymlinks) {
        this.root = root;
        this.cacheDir = cacheDir;
        this.followSymlinks = followSymlinks;
    }

    /**
     * Opens the configured root, creating the cache folder.
     *
     * @throws UncheckedIOException if the root is not a readable folder
     */
    public static ContentRoot open(WebseedConfig config) {
        return open(config.contentRoot(), config.cacheDir(), config.get(Settings.FOLLOW_SYMLINKS));
    }

    public static ContentRoot open(Path root, Path cacheDir, boolean followSymlinks) {
        try {
            Path realRoot = root.toRealPath();
            if (!Files.isDirectory(realRoot)) {
                throw new IOException("contentRoot " + root + " is not a folder");
            }
            Files.createDirectories(cacheDir);
            return new ContentRoot(realRoot, cacheDir.toRealPath(), followSymlinks);
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
            return isServable(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** True for a real path that may be served: inside the root (unless links may leave it), not the cache. */
    public boolean isServable(Path realPath) {
        if (realPath.startsWith(cacheDir)) {
            return false;
        }
        if (!followSymlinks && !realPath.startsWith(root)) {
            return false;
        }
        return Files.isRegularFile(realPath) || Files.isDirectory(realPath);
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
