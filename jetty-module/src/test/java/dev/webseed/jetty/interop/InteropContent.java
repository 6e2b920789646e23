package dev.webseed.jetty.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The content the real clients download, generated from a fixed seed so every run serves the same
 * bytes: (a) one single-file torrent of a little more than 50 MiB, (b) one folder with a nested
 * sub-folder and names holding a space, non-ASCII letters and {@code +}, (c) one folder holding
 * exactly one file, whose torrent WebTorrent treats as single-file (docs/protocol.md W10); no size
 * is a multiple of any piece length, so pieces straddle file boundaries.
 */
final class InteropContent {
    static final String SINGLE = "film 50MiB.bin";
    static final String MULTI = "multi";
    static final String SOLO = "solo";
    private static final Map<String, Long> FILES = new LinkedHashMap<>();

    static {
        FILES.put(SINGLE, 50L * 1024 * 1024 + 12_345);
        FILES.put(MULTI + "/Grüße Welt+1.dat", 777_777L);
        FILES.put(MULTI + "/alpha.bin", 300_001L);
        FILES.put(MULTI + "/sub/nested file.bin", 1_000_003L);
        FILES.put(MULTI + "/sub/ß+ü 2.txt", 12_345L);
        FILES.put(SOLO + "/only one.bin", 3L * 1024 * 1024 + 7);
    }

    private InteropContent() {
    }

    /** Writes the files under {@code root} unless they are already there with the right size. */
    static void generate(Path root) throws IOException {
        long seed = 20_261_122L;
        for (Map.Entry<String, Long> file : FILES.entrySet()) {
            randomFile(root.resolve(file.getKey()), file.getValue(), seed++);
        }
    }

    /** Writes {@code length} pseudo-random bytes from {@code seed} unless the file is there with that size. */
    static Path randomFile(Path path, long length, long seed) throws IOException {
        if (Files.isRegularFile(path) && Files.size(path) == length) {
            return path;
        }
        Files.createDirectories(path.getParent());
        Random random = new Random(seed);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(path)) {
            for (long left = length; left > 0; ) {
                random.nextBytes(buffer);
                int n = (int) Math.min(left, buffer.length);
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        return path;
    }

    /** The relative paths (under the content root) of the files of one published entry. */
    static List<String> filesOf(String entry) {
        return FILES.keySet().stream().filter(f -> f.equals(entry) || f.startsWith(entry + "/")).toList();
    }

    /** Every regular file below a folder, as {@code /}-separated relative paths. */
    static List<String> filesBelow(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
