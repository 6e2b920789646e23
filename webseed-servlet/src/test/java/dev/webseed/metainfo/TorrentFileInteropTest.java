package dev.webseed.metainfo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.bencode.BencodeReader;
import dev.webseed.testing.Interop;

/** Real clients' parsers read our rendered .torrent: name, files, web seed, tracker, private flag, info-hash. */
@ExtendWith(WorkDirExtension.class)
final class TorrentFileInteropTest {
    private static final String SCRIPT = String.join("\n",
            "import sys, libtorrent as lt",
            "ti = lt.torrent_info(sys.argv[1])",
            "print(ti.info_hash())",
            "print(ti.name())",
            "print(ti.num_files())",
            "print(' '.join(w['url'] for w in ti.web_seeds()))",
            "print(' '.join(t.url for t in ti.trackers()))",
            "print(ti.priv())");
    WorkDir workDir;

    Path render() throws Exception {
        Path dir = workDir.getEmptyPathDir().resolve("Season 1");
        write(dir.resolve("Grüße Welt+1.dat"), 70_000);
        write(dir.resolve("sub/nested file.bin"), 5_000);
        Layout layout = Layout.scan(dir, p -> true);
        Torrent torrent;
        try (PieceHasher hasher = new PieceHasher(2)) {
            torrent = Torrent.create(layout, 16384, hasher.hash(layout.files(), 16384, HashProgress.NONE), true,
                    Instant.parse("2026-11-22T00:00:00Z"));
        }
        Path file = workDir.getPath().resolve("season.torrent");
        Files.write(file, torrent.encode("http://127.0.0.1:8080/announce", List.of("http://127.0.0.1:8080/seed/")));
        return file;
    }

    @Test
    void libtorrentReadsIt() throws Exception {
        Interop.require("/usr/bin/python3", "apt-get install python3-libtorrent");
        Path file = render();
        String expected = InfoHash.ofInfo(BencodeReader.rawValue(Files.readAllBytes(file), "info")).hex();
        List<String> lines = run("/usr/bin/python3", "-c", SCRIPT, file.toString()).lines().toList();
        if (lines.isEmpty()) {
            Interop.missing("python3-libtorrent");
        }
        assertThat("parsed by libtorrent", lines, is(List.of(expected, "Season 1", "2", "http://127.0.0.1:8080/seed/",
                "http://127.0.0.1:8080/announce", "True")));
    }

    @Test
    void transmissionReadsIt() throws Exception {
        Path show = Interop.require("transmission-show", "apt-get install transmission-cli");
        Path file = render();
        String expected = InfoHash.ofInfo(BencodeReader.rawValue(Files.readAllBytes(file), "info")).hex();
        String out = run(show.toString(), file.toString());
        assertThat("hash", out, containsString("Hash: " + expected));
        assertThat("private", out, containsString("Private torrent"));
        assertThat("web seed", out, containsString("http://127.0.0.1:8080/seed/"));
        assertThat("files", out, containsString("Season 1/sub/nested file.bin"));
        assertThat("non-ASCII name", out, containsString("Season 1/Grüße Welt+1.dat"));
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError(command[0] + " did not finish in 60 s");
            }
            return process.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : "";
        } finally {
            process.destroyForcibly();
        }
    }

    private static void write(Path file, int length) throws Exception {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        Files.write(file, bytes);
    }
}
