package dev.webseed.metainfo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.webseed.bencode.BencodeReader;
import dev.webseed.testing.Interop;

/**
 * Our info-hashes agree with two independent tools for the same files, piece length and name:
 * mktorrent 1.1 (which orders a folder's files by their joined path in raw bytes, as we do) and
 * libtorrent 2.0's {@code create_torrent} (v1 only; its {@code add_files} keeps the directory's
 * unsorted order, so the file list is handed to it in our order).
 */
@ExtendWith(WorkDirExtension.class)
final class InfoHashInteropTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String LIBTORRENT_SCRIPT = String.join("\n",
            "import sys, hashlib, libtorrent as lt",
            "parent, piece, private, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3] == '1', sys.argv[4:]",
            "fs = lt.file_storage()",
            "for p in paths:",
            "    name, size = p.rsplit('\\t', 1)",
            "    fs.add_file(name, int(size))",
            "ct = lt.create_torrent(fs, piece, flags=lt.create_torrent.v1_only)",
            "ct.set_priv(private)",
            "lt.set_piece_hashes(ct, parent)",
            "print(hashlib.sha1(lt.bencode(ct.generate()[b'info'])).hexdigest())");
    WorkDir workDir;

    @ParameterizedTest(name = "{0}, 2^{1} pieces, private={2}")
    @CsvSource({"single, 15, false", "single, 16, true", "multi, 15, false", "multi, 16, true"}) // mktorrent: 2^15 up
    void mktorrentMakesTheSameInfoHash(String kind, int exponent, boolean privateFlag) throws Exception {
        Path mktorrent = Interop.require("mktorrent", "apt-get install mktorrent");
        Path target = content(kind);
        Path out = workDir.getPath().resolve("mk-" + kind + exponent + privateFlag + ".torrent");
        List<String> command = new ArrayList<>(List.of(mktorrent.toString(), "-l", Integer.toString(exponent),
                "-t", "2", "-o", out.toString()));
        if (privateFlag) {
            command.add("-p");
        }
        command.add(target.toString());
        run(command);
        InfoHash theirs = InfoHash.ofInfo(BencodeReader.rawValue(Files.readAllBytes(out), "info"));
        assertThat("mktorrent " + kind, ours(target, 1L << exponent, privateFlag), is(theirs));
    }

    @ParameterizedTest(name = "{0}, 2^{1} pieces, private={2}")
    @CsvSource({"single, 14, false", "single, 15, true", "multi, 14, false", "multi, 15, true"})
    void libtorrentMakesTheSameInfoHash(String kind, int exponent, boolean privateFlag) throws Exception {
        Interop.require(PYTHON, "apt-get install python3-libtorrent");
        if (!libtorrentImports()) {
            Interop.missing("python3-libtorrent");
        }
        Path target = content(kind);
        Layout layout = Layout.scan(target, p -> true);
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", LIBTORRENT_SCRIPT,
                target.getParent().toString(), Long.toString(1L << exponent), privateFlag ? "1" : "0"));
        for (TorrentFile f : layout.files()) {
            String path = layout.multiFile() ? layout.name() + "/" + f.joinedPath() : layout.name();
            command.add(path + "\t" + f.length());
        }
        InfoHash theirs = InfoHash.fromHex(run(command).trim());
        assertThat("libtorrent " + kind, ours(target, 1L << exponent, privateFlag), is(theirs));
    }

    private static InfoHash ours(Path target, long pieceLength, boolean privateFlag) throws Exception {
        Layout layout = Layout.scan(target, p -> true);
        try (PieceHasher hasher = new PieceHasher(2)) {
            byte[] pieces = hasher.hash(layout.files(), pieceLength, HashProgress.NONE);
            return Torrent.create(layout, pieceLength, pieces, privateFlag, Instant.EPOCH).infoHash();
        }
    }

    /** A 300 KB file, or a folder with the names clients encode differently (W9: space, non-ASCII, +, nested) and an empty file. */
    private Path content(String kind) throws IOException {
        Path dir = workDir.getEmptyPathDir();
        if (kind.equals("single")) {
            return write(dir.resolve("Grüße Welt+1.dat"), 300_001);
        }
        Path multi = dir.resolve("multi");
        write(multi.resolve("Grüße Welt+1.dat"), 77_777);
        write(multi.resolve("sub/nested file.bin"), 40_000);
        write(multi.resolve("a b/f"), 5_000);
        write(multi.resolve("a/f"), 16_384);
        write(multi.resolve("B.txt"), 123);
        write(multi.resolve("empty"), 0);
        return multi;
    }

    private static Path write(Path file, int length) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return Files.write(file, bytes);
    }

    /** Runs a tool (bounded to 60 s, killed by its own handle); returns its standard output, failing on exit != 0. */
    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError(command.get(0) + " did not finish in 60 s");
            }
            assertThat(command.get(0) + " exit code", process.exitValue(), is(0));
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
    }

    private static boolean libtorrentImports() throws Exception {
        Process process = new ProcessBuilder(PYTHON, "-c", "import libtorrent").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } finally {
            process.destroyForcibly();
        }
    }
}
