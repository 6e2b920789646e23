package dev.webseed.metainfo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(WorkDirExtension.class)
final class PieceHasherTest {
    WorkDir workDir;

    @ParameterizedTest(name = "files {0}, piece {1}, {2} threads")
    @CsvSource({
            // file lengths (bytes, ';'-separated), piece length, threads
            "100000,                      16384,   1",
            "100000,                      16384,   4",
            "16384,                       16384,   3",    // exactly one piece
            "1,                           16384,   2",    // one short piece
            "700000,                      524288,  2",    // pieces larger than the read chunk
            "5000;0;20000;0;0;1;33000,    16384,   3",    // pieces spanning files and empty files
            "0;0;40000,                   16384,   2",    // empty files first
            "16384;16384;16384,           16384,   2",    // boundaries on piece boundaries
            "300;300;300;300;300,         16384,   4",    // many files in one piece
    })
    void piecesMatchASequentialReference(String lengths, long pieceLength, int threads) throws Exception {
        Path dir = workDir.getEmptyPathDir();
        Random random = new Random(lengths.hashCode());
        List<TorrentFile> files = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int n = 0;
        for (String l : lengths.split(";")) {
            byte[] bytes = new byte[Integer.parseInt(l.trim())];
            random.nextBytes(bytes);
            Path file = Files.write(dir.resolve("f" + n), bytes);
            files.add(new TorrentFile(List.of("f" + n++), file, bytes.length, 0));
            all.writeBytes(bytes);
        }
        AtomicLong lastDone = new AtomicLong();
        try (PieceHasher hasher = new PieceHasher(threads)) {
            byte[] pieces = hasher.hash(files, pieceLength,
                    (done, total) -> lastDone.accumulateAndGet(done, Math::max));
            assertArrayEquals(reference(all.toByteArray(), (int) pieceLength), pieces, "piece hashes");
        }
        assertThat("progress reaches the total", lastDone.get(), is((long) all.size()));
    }

    @Test
    void aFileShorterThanRecordedIsAnError() throws Exception {
        Path file = Files.write(workDir.getEmptyPathDir().resolve("short"), new byte[1000]);
        List<TorrentFile> files = List.of(new TorrentFile(List.of("short"), file, 5000, 0));
        try (PieceHasher hasher = new PieceHasher(2)) {
            IOException e = assertThrows(IOException.class, () -> hasher.hash(files, 16384, HashProgress.NONE));
            assertThat(e.getMessage(), e.getMessage(), containsString("changed while hashing"));
        }
    }

    @Test
    void aFileTruncatedWhileMappedIsAnErrorNotACrash() throws Exception {
        Path file = Files.write(workDir.getEmptyPathDir().resolve("shrinks"), new byte[1 << 20]);
        List<TorrentFile> files = List.of(new TorrentFile(List.of("shrinks"), file, 1 << 20, 0));
        try (PieceHasher hasher = new PieceHasher(1)) {
            // after the first piece the file loses its tail: the mapped pages behind it are gone
            IOException e = assertThrows(IOException.class, () -> hasher.hash(files, 16384, (done, total) -> {
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                        java.nio.file.StandardOpenOption.WRITE)) {
                    ch.truncate(16384);
                } catch (IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
            }));
            assertThat(e.getMessage(), e.getMessage(), containsString("changed while hashing"));
        }
    }

    @Test
    void theHasherCanBeReused() throws Exception {
        byte[] bytes = new byte[50_000];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(workDir.getEmptyPathDir().resolve("x"), bytes);
        List<TorrentFile> files = List.of(new TorrentFile(List.of("x"), file, bytes.length, 0));
        try (PieceHasher hasher = new PieceHasher(2)) {
            byte[] first = hasher.hash(files, 16384, HashProgress.NONE);
            assertArrayEquals(first, hasher.hash(files, 16384, HashProgress.NONE), "same result twice");
            assertArrayEquals(reference(bytes, 32768), hasher.hash(files, 32768, HashProgress.NONE), "other length");
        }
    }

    static byte[] reference(byte[] all, int pieceLength) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < all.length; off += pieceLength) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(all, off, Math.min(pieceLength, all.length - off));
            out.writeBytes(sha1.digest());
        }
        return out.toByteArray();
    }
}
