package dev.webseed.metainfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The files a torrent is made of: a regular file gives a single-file torrent, a folder a
 * multi-file torrent of every regular, non-hidden file below it.
 *
 * <p>Files of a folder are ordered by their {@code /}-joined path compared as unsigned UTF-8 bytes,
 * the order mktorrent uses, so the same folder gives the same info-hash with either tool
 * (libtorrent's {@code add_files} keeps the directory's own order, which is not deterministic).
 * Entries whose name starts with {@code .} are skipped, as are files and folders the {@code
 * servable} test rejects (it sees each as named below the target, and may follow links to judge
 * what they lead to); link loops are skipped.</p>
 *
 * @param name      the torrent's {@code name}: the file or folder name
 * @param multiFile whether this is a folder (BEP 3 {@code files}) rather than one file ({@code length})
 * @param files     the files in torrent order; exactly one for a single-file torrent
 */
public record Layout(String name, boolean multiFile, List<TorrentFile> files) {
    private static final Comparator<TorrentFile> TORRENT_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.joinedPath().getBytes(StandardCharsets.UTF_8), b.joinedPath().getBytes(StandardCharsets.UTF_8));

    public Layout {
        Objects.requireNonNull(name, "name");
        files = List.copyOf(files);
        if (!multiFile && files.size() != 1) {
            throw new IllegalArgumentException("a single-file torrent has exactly one file");
        }
    }

    /** The sum of all file lengths. */
    public long totalLength() {
        long total = 0;
        for (TorrentFile f : files) {
            total += f.length();
        }
        return total;
    }

    /**
     * Scans a file or folder.
     *
     * @param target   the file or folder, as named by the user (its last name is the torrent name)
     * @param servable test on the target and every file and folder found below it, as named (e.g.
     *                 {@code ContentRoot::isServable}); {@code p -> true} accepts everything
     * @throws IOException if the target is neither a regular file nor a folder, or cannot be read
     */
    public static Layout scan(Path target, Predicate<Path> servable) throws IOException {
        Path name = target.toAbsolutePath().normalize().getFileName();
        if (name == null) {
            throw new IOException("cannot publish the file system root " + target);
        }
        BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
        target.toRealPath(); // a dangling link or a missing target fails here, as an IOException
        if (!servable.test(target)) {
            throw new IOException(target + " may not be published (outside the root or in the cache)");
        }
        if (attrs.isRegularFile()) {
            return new Layout(name.toString(), false, List.of(entry(List.of(name.toString()), target, attrs)));
        }
        if (!attrs.isDirectory()) {
            throw new IOException(target + " is neither a regular file nor a folder");
        }
        List<TorrentFile> files = walk(target, servable, Integer.MAX_VALUE);
        files.sort(TORRENT_ORDER);
        return new Layout(name.toString(), true, files);
    }

    /**
     * The one file of a folder whose torrent would hold exactly one file (its path below the
     * folder), found with the rules of {@link #scan} and stopping at a second file; empty when
     * the folder holds none or several, or cannot be read. The webseed serves a one-file folder's
     * URL with it (docs/protocol.md W10).
     */
    public static Optional<TorrentFile> soleFile(Path folder, Predicate<Path> servable) {
        try {
            if (!Files.isDirectory(folder) || !servable.test(folder.toRealPath())) {
                return Optional.empty();
            }
            List<TorrentFile> files = walk(folder, servable, 2);
            return files.size() == 1 ? Optional.of(files.get(0)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The servable, non-hidden regular files below {@code target}, in visit order, at most {@code limit}. */
    private static List<TorrentFile> walk(Path target, Predicate<Path> servable, int limit) throws IOException {
        List<TorrentFile> files = new ArrayList<>();
        Files.walkFileTree(target, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) throws IOException {
                        if (!dir.equals(target) && (hidden(dir) || !servable.test(dir))) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                        // a dangling link arrives with the link's own attributes: not a regular file
                        if (!hidden(file) && a.isRegularFile() && servable.test(file)) {
                            List<String> path = new ArrayList<>();
                            target.relativize(file).forEach(p -> path.add(p.toString()));
                            files.add(entry(path, file, a));
                        }
                        return files.size() < limit ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof FileSystemLoopException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }
                });
        return files;
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static TorrentFile entry(List<String> path, Path file, BasicFileAttributes a) {
        return new TorrentFile(path, file, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), change(file, a));
    }

    /** The file key and {@code unix:ctime} of a file, where the file system has them (see {@link TorrentFile}). */
    private static String change(Path file, BasicFileAttributes a) {
        StringBuilder stamp = new StringBuilder();
        if (a.fileKey() != null) {
            stamp.append(a.fileKey());
        }
        try {
            if (Files.getAttribute(file, "unix:ctime") instanceof FileTime ctime) {
                stamp.append(" ctime=").append(ctime.to(TimeUnit.NANOSECONDS));
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException | SecurityException e) {
            // no unix view here (e.g. Windows): size, mtime and the file key are what we have
        }
        return stamp.toString();
    }
}
