package dev.webseed.metainfo;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One file of a torrent as found on disk: its path inside the torrent (the components of a
 * multi-file torrent's {@code path} list, BEP 3; the single name of a single-file torrent), where
 * it lives, its length, its modification time and what else the file system changes when a file
 * is rewritten. Two layouts with equal files describe the same bytes, which is how a changed file
 * is noticed: a file rewritten in place with its size and modification time put back still gets a
 * new change time, and one replaced by another file gets a new file key.
 *
 * @param path      path components inside the torrent, never empty
 * @param file      the file on disk
 * @param length    its length in bytes
 * @param mtimeNanos its modification time in nanoseconds since the epoch
 * @param change     its file key (device and inode) and change time ({@code unix:ctime}) as text,
 *                   each where the file system has it; empty when it has neither
 */
public record TorrentFile(List<String> path, Path file, long length, long mtimeNanos, String change) {
    /** A file with no change stamp (tests, and file systems without one). */
    public TorrentFile(List<String> path, Path file, long length, long mtimeNanos) {
        this(path, file, length, mtimeNanos, "");
    }

    public TorrentFile {
        path = List.copyOf(path);
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(change, "change");
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
