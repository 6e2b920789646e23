package dev.webseed.metainfo;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.webseed.bencode.BDict;
import dev.webseed.bencode.BInteger;
import dev.webseed.bencode.BList;
import dev.webseed.bencode.BString;
import dev.webseed.bencode.BValue;
import dev.webseed.bencode.BencodeException;
import dev.webseed.bencode.BencodeReader;
import dev.webseed.bencode.BencodeWriter;

/**
 * A v1 torrent: its {@code info} dictionary as exact encoded bytes, the info-hash of those bytes
 * and what they say (name, files, piece length). Rendering a {@code .torrent} wraps the same info
 * bytes in a root dictionary with per-request {@code announce} and {@code url-list} (BEP 3, BEP
 * 19), which live outside {@code info}: every buyer's personal .torrent has the same info-hash,
 * so all share one swarm. Rendering never re-hashes and never re-encodes {@code info}.
 */
public final class Torrent {
    /** The {@code created by} value. */
    public static final String CREATED_BY = "Webseed 0.1.0";

    private final String name;
    private final boolean multiFile;
    private final List<Entry> files;
    private final long pieceLength;
    private final int pieceCount;
    private final long totalLength;
    private final boolean privateFlag;
    private final byte[] info;
    private final InfoHash infoHash;
    private final Instant created;

    /** One file as the info dictionary lists it (a single-file torrent lists its name). */
    public record Entry(List<String> path, long length) {
        public Entry {
            path = List.copyOf(path);
        }
    }

    private Torrent(String name, boolean multiFile, List<Entry> files, long pieceLength, int pieceCount,
            long totalLength, boolean privateFlag, byte[] info, Instant created) {
        this.name = name;
        this.multiFile = multiFile;
        this.files = List.copyOf(files);
        this.pieceLength = pieceLength;
        this.pieceCount = pieceCount;
        this.totalLength = totalLength;
        this.privateFlag = privateFlag;
        this.info = info;
        this.infoHash = InfoHash.ofInfo(info);
        this.created = created;
    }

    /**
     * Builds the info dictionary (BEP 3): {@code name}, {@code piece length}, {@code pieces} and
     * {@code length} (one file) or {@code files} (a folder), plus {@code private=1} (BEP 27), which
     * changes the info-hash. Encoded canonically (keys in raw byte order).
     */
    public static Torrent create(Layout layout, long pieceLength, byte[] pieces, boolean privateFlag,
            Instant created) {
        long total = layout.totalLength();
        int count = PieceLength.pieceCount(total, pieceLength);
        if (pieces.length != count * InfoHash.LENGTH) {
            throw new IllegalArgumentException("expected " + count + " piece hashes, got "
                    + pieces.length / (double) InfoHash.LENGTH);
        }
        BDict.Builder dict = BDict.builder()
                .put("name", layout.name())
                .put("piece length", pieceLength)
                .put("pieces", pieces);
        List<Entry> entries = new ArrayList<>();
        if (layout.multiFile()) {
            List<BValue> list = new ArrayList<>();
            for (TorrentFile f : layout.files()) {
                list.add(BDict.builder().put("length", f.length()).put("path", BList.ofStrings(f.path())).build());
                entries.add(new Entry(f.path(), f.length()));
            }
            dict.put("files", new BList(list));
        } else {
            dict.put("length", total);
            entries.add(new Entry(List.of(layout.name()), total));
        }
        if (privateFlag) {
            dict.put("private", 1);
        }
        byte[] info = BencodeWriter.encode(dict.build());
        return new Torrent(layout.name(), layout.multiFile(), entries, pieceLength, count, total, privateFlag,
                info, created);
    }

    /**
     * Reads back an info dictionary (e.g. from the hash cache), keeping its bytes exactly.
     *
     * @throws BencodeException if the bytes are not a well-formed v1 info dictionary
     */
    public static Torrent fromInfo(byte[] info, Instant created) {
        BValue value = BencodeReader.decode(info);
        if (!(value instanceof BDict dict)) {
            throw new BencodeException("info is not a dictionary", 0);
        }
        String name = dict.string("name").map(BString::utf8).orElseThrow(() -> missing("name"));
        long pieceLength = dict.integer("piece length").filter(n -> n > 0).orElseThrow(() -> missing("piece length"));
        byte[] pieces = dict.string("pieces").map(BString::bytes).orElseThrow(() -> missing("pieces"));
        boolean privateFlag = dict.integer("private").orElse(0L) == 1L;
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        boolean multi = dict.list("files").isPresent();
        if (multi) {
            for (BValue v : dict.list("files").get().values()) {
                BDict f = v instanceof BDict d ? d : null;
                if (f == null) {
                    throw missing("files[].length");
                }
                long length = f.integer("length").filter(n -> n >= 0).orElseThrow(() -> missing("files[].length"));
                List<String> path = new ArrayList<>();
                for (BValue p : f.list("path").orElseThrow(() -> missing("files[].path")).values()) {
                    path.add(p instanceof BString s ? s.utf8() : "");
                }
                entries.add(new Entry(path, length));
                total += length;
            }
        } else {
            total = dict.integer("length").filter(n -> n >= 0).orElseThrow(() -> missing("length"));
            entries.add(new Entry(List.of(name), total));
        }
        int count = PieceLength.pieceCount(total, pieceLength);
        if (pieces.length != count * InfoHash.LENGTH) {
            throw new BencodeException("pieces holds " + pieces.length + " bytes, expected " + count * 20, 0);
        }
        return new Torrent(name, multi, entries, pieceLength, count, total, privateFlag, info.clone(), created);
    }

    private static BencodeException missing(String key) {
        return new BencodeException("info lacks a valid \"" + key + "\"", 0);
    }

    /**
     * Renders a {@code .torrent}: {@code announce} (omitted when null), {@code created by},
     * {@code creation date}, {@code info} (the stored bytes, verbatim) and {@code url-list} (BEP 19;
     * omitted when empty). Keys are written in raw byte order as BEP 3 requires.
     */
    public byte[] encode(String announce, List<String> urlList) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(info.length + 512);
        out.write('d');
        if (announce != null) {
            entry(out, "announce", BString.of(announce));
        }
        entry(out, "created by", BString.of(CREATED_BY));
        entry(out, "creation date", BInteger.of(created.getEpochSecond()));
        out.writeBytes(BencodeWriter.encode(BString.of("info")));
        out.writeBytes(info);
        if (!urlList.isEmpty()) {
            entry(out, "url-list", BList.ofStrings(urlList));
        }
        out.write('e');
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, String key, BValue value) {
        out.writeBytes(BencodeWriter.encode(BString.of(key)));
        out.writeBytes(BencodeWriter.encode(value));
    }

    public String name() {
        return name;
    }

    public boolean multiFile() {
        return multiFile;
    }

    /** The files in torrent order. */
    public List<Entry> files() {
        return files;
    }

    public long pieceLength() {
        return pieceLength;
    }

    public int pieceCount() {
        return pieceCount;
    }

    public long totalLength() {
        return totalLength;
    }

    public boolean isPrivate() {
        return privateFlag;
    }

    /** A copy of the exact encoded info dictionary. */
    public byte[] info() {
        return info.clone();
    }

    public InfoHash infoHash() {
        return infoHash;
    }

    /** When the pieces were hashed; written as {@code creation date}. */
    public Instant created() {
        return created;
    }

    @Override
    public String toString() {
        return "Torrent{" + name + ", " + infoHash + ", " + (multiFile ? files.size() + " files, " : "")
                + totalLength + " bytes, " + pieceCount + " x " + pieceLength + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Torrent t && t.infoHash.equals(infoHash) && Objects.equals(t.created, created);
    }

    @Override
    public int hashCode() {
        return infoHash.hashCode();
    }
}
