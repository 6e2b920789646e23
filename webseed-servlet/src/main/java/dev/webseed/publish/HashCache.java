package dev.webseed.publish;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.webseed.bencode.BDict;
import dev.webseed.bencode.BInteger;
import dev.webseed.bencode.BList;
import dev.webseed.bencode.BString;
import dev.webseed.bencode.BValue;
import dev.webseed.bencode.BencodeException;
import dev.webseed.bencode.BencodeReader;
import dev.webseed.bencode.BencodeWriter;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.metainfo.Layout;
import dev.webseed.metainfo.Torrent;
import dev.webseed.metainfo.TorrentFile;

/**
 * Persisted piece hashes: one bencoded file per relative path under {@code cacheDir/torrents},
 * named by the SHA-256 of the path. An entry is reused only when the relative path, the piece
 * length, the private flag and every file's path, size, modification time (nanoseconds) and
 * change stamp (file key and ctime, {@link TorrentFile#change()}) are the same as now; anything
 * else is a miss and the files are hashed again, so a file rewritten in place with its size and
 * mtime put back is hashed again too.
 *
 * <p>Trust: the file is {@code d6:entry<bencoded entry>6:sha256<32 bytes>e},
 * and the entry is used only when its SHA-256 matches, so a damaged entry (one flipped piece-hash
 * byte is still valid bencode) is never published: it is logged, deleted and the files are hashed
 * again. The digest guards against damage (disk, copy, editing); whoever can write the cache folder
 * can also write the content itself, so it is not a signature. Writes go to a temporary file
 * renamed into place, so a crash never leaves half an entry.</p>
 */
final class HashCache {
    private static final System.Logger LOG = System.getLogger(HashCache.class.getName());
    private static final long VERSION = 2;
    private final Path dir;
    /** The info-hash of each entry by relative path, read at start and kept up to date by {@link #store}. */
    private final Map<String, InfoHash> hashByPath = new HashMap<>();
    private final Map<InfoHash, Set<String>> pathsByHash = new HashMap<>();

    HashCache(Path cacheDir) throws IOException {
        this.dir = Files.createDirectories(cacheDir.resolve("torrents"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.bt")) {
            for (Path file : files) {
                index(file);
            }
        }
    }

    private void index(Path file) {
        try {
            // only entries whose checksum holds are indexed: a damaged one is never a candidate
            Optional<BDict> entry = verified(Files.readAllBytes(file));
            if (entry.isPresent() && entry.get().string("path").isPresent() && entry.get().string("info").isPresent()) {
                indexed(entry.get().string("path").get().utf8(), InfoHash.ofInfo(entry.get().string("info").get().bytes()));
            }
        } catch (IOException | BencodeException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring damaged hash cache entry {0}: {1}", file, e.getMessage());
        }
    }

    /**
     * The relative paths whose last stored publication had this info-hash: candidates only, since
     * the files may have changed since; {@link #load} decides.
     */
    synchronized List<String> pathsOf(InfoHash hash) {
        return List.copyOf(pathsByHash.getOrDefault(hash, Set.of()));
    }

    private synchronized void indexed(String relativePath, InfoHash hash) {
        InfoHash before = hashByPath.put(relativePath, hash);
        if (before != null) {
            pathsByHash.computeIfPresent(before, (h, paths) -> paths.remove(relativePath) && paths.isEmpty() ? null
                    : paths);
        }
        pathsByHash.computeIfAbsent(hash, h -> new HashSet<>(1)).add(relativePath);
    }

    Optional<Torrent> load(String relativePath, Layout layout, long pieceLength, boolean privateFlag) {
        Path file = fileFor(relativePath);
        try {
            Optional<BDict> checked = verified(Files.readAllBytes(file));
            if (checked.isEmpty()) {
                LOG.log(Level.WARNING, "discarding damaged hash cache entry {0} (checksum mismatch); hashing again", file);
                Files.deleteIfExists(file);
                return Optional.empty();
            }
            BDict d = checked.get();
            boolean same = d.integer("version").orElse(0L) == VERSION
                    && d.string("path").map(BString::utf8).orElse("").equals(relativePath)
                    && d.integer("piece length").orElse(0L) == pieceLength
                    && d.integer("private").orElse(-1L) == (privateFlag ? 1 : 0)
                    && d.list("files").map(l -> l.equals(files(layout))).orElse(false);
            if (!same) {
                return Optional.empty();
            }
            Instant created = Instant.ofEpochSecond(d.integer("created").orElse(0L));
            Torrent torrent = Torrent.fromInfo(d.string("info").map(BString::bytes).orElse(new byte[0]), created);
            boolean matches = torrent.pieceLength() == pieceLength && torrent.isPrivate() == privateFlag
                    && torrent.name().equals(layout.name()) && torrent.totalLength() == layout.totalLength()
                    && torrent.multiFile() == layout.multiFile();
            return matches ? Optional.of(torrent) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | BencodeException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring damaged hash cache entry {0}: {1}", file, e.getMessage());
            return Optional.empty();
        }
    }

    void store(String relativePath, Layout layout, Torrent torrent) {
        BDict entry = BDict.builder()
                .put("version", VERSION)
                .put("path", relativePath)
                .put("piece length", torrent.pieceLength())
                .put("private", torrent.isPrivate() ? 1 : 0)
                .put("files", files(layout))
                .put("created", torrent.created().getEpochSecond())
                .put("info", torrent.info())
                .build();
        byte[] body = BencodeWriter.encode(entry);
        BDict sealed = BDict.builder().put("entry", body).put("sha256", sha256(body)).build();
        Path file = fileFor(relativePath);
        try {
            Path tmp = Files.createTempFile(dir, "entry", ".tmp");
            try {
                Files.write(tmp, BencodeWriter.encode(sealed));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                indexed(relativePath, torrent.infoHash());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // the torrent is still served; it will only be hashed again after a restart
            LOG.log(Level.WARNING, "cannot write hash cache entry {0}: {1}", file, e.toString());
        }
    }

    /** The entry inside a cache file when its checksum holds; empty for anything else. */
    private static Optional<BDict> verified(byte[] file) {
        if (!(BencodeReader.decode(file) instanceof BDict outer)) {
            return Optional.empty();
        }
        Optional<byte[]> body = outer.string("entry").map(BString::bytes);
        Optional<byte[]> digest = outer.string("sha256").map(BString::bytes);
        if (body.isEmpty() || digest.isEmpty() || !MessageDigest.isEqual(sha256(body.get()), digest.get())) {
            return Optional.empty();
        }
        return BencodeReader.decode(body.get()) instanceof BDict d ? Optional.of(d) : Optional.empty();
    }

    private static BList files(Layout layout) {
        List<BValue> list = new ArrayList<>();
        for (TorrentFile f : layout.files()) {
            list.add(BList.of(BString.of(f.joinedPath()), BInteger.of(f.length()), BInteger.of(f.mtimeNanos()),
                    BString.of(f.change())));
        }
        return new BList(list);
    }

    private Path fileFor(String relativePath) {
        return dir.resolve(HexFormat.of().formatHex(sha256(relativePath.getBytes(StandardCharsets.UTF_8))) + ".bt");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
