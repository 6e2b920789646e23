package dev.webseed.metainfo;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One file of a torrent as found on disk: its path inside the torrent (the components of a
 * multi-file torrent's {@code path} list, BEP 3; the single name of a single-file torrent), where
 * it lives, its length and its modification time. Two layouts with equal files describe the same
 * bytes, which is how a changed file is noticed.
 *
 * @param path      path components inside the torrent, never empty
 * @param file      the file on disk
 * @param length    its length in bytes
 * @param mtimeNanos its modification time in nanoseconds since the epoch
 */
public record TorrentFile(List<String> path, Path file, long length, long mtimeNanos) {
    public TorrentFile {
        path = List.copyOf(path);
        Objects.requireNonNull(file, "file");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty path"); // BEP 3: a zero-length path list is an error
        }
        if (length < 0) {
            throw new IllegalArgumentException("negative length");
        }
    }

    /** The path joined with {@code /}. */
    public String joinedPath() {
        return String.join("/", path);
    }
}
