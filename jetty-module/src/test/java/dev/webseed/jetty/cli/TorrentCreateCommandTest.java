package dev.webseed.jetty.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.webseed.bencode.BDict;
import dev.webseed.bencode.BList;
import dev.webseed.bencode.BString;
import dev.webseed.bencode.BencodeReader;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.metainfo.HashProgress;
import dev.webseed.metainfo.InfoHash;
import dev.webseed.metainfo.Layout;
import dev.webseed.metainfo.PieceHasher;
import dev.webseed.metainfo.Torrent;
import dev.webseed.publish.Progress;
import dev.webseed.publish.Publisher;

@ExtendWith(WorkDirExtension.class)
final class TorrentCreateCommandTest {
    WorkDir workDir;
    Path cwd;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void content() throws IOException {
        cwd = workDir.getEmptyPathDir();
        write(cwd.resolve("Grüße Welt+1.dat"), 300_000);
        write(cwd.resolve("multi/a.bin"), 70_000);
        write(cwd.resolve("multi/sub/nested file.bin"), 20_000);
        write(cwd.resolve("multi/.hidden"), 5);
        write(cwd.resolve("bad#name.bin"), 10);
        Files.createDirectories(cwd.resolve("empty"));
    }

    int run(String... args) {
        return TorrentCreateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), cwd, false);
    }

    @Test
    void aSingleFileGetsItsFullWebseedUrlAndTheDefaultOutputName() throws Exception {
        int code = run("Grüße Welt+1.dat", "--webseed", "http://h:8080/seed/", "--announce",
                "http://h:8080/announce", "--piece-length", "32k", "--private", "--hash-threads", "3");
        assertThat(err.toString(StandardCharsets.UTF_8), code, is(0));
        byte[] file = Files.readAllBytes(cwd.resolve("Grüße Welt+1.dat.torrent"));
        BDict torrent = (BDict) BencodeReader.decode(file);
        assertThat("url-list: name appended, encoded (W10, W19)", torrent.list("url-list").orElseThrow(),
                is(BList.of(BString.of("http://h:8080/seed/Gr%C3%BC%C3%9Fe%20Welt%2B1.dat"))));
        assertThat("announce", torrent.string("announce").orElseThrow().utf8(), is("http://h:8080/announce"));
        BDict info = torrent.dict("info").orElseThrow();
        assertThat("piece length", info.integer("piece length").orElseThrow(), is(32768L));
        assertThat("private", info.integer("private").orElseThrow(), is(1L));
        InfoHash hash = InfoHash.ofInfo(BencodeReader.rawValue(file, "info"));
        assertThat("same hashing code as the server", hash,
                is(expected(cwd.resolve("Grüße Welt+1.dat"), 32768, true)));
        assertThat("summary", out.toString(StandardCharsets.UTF_8), containsString("info-hash  " + hash.hex()));
        assertThat("plain progress lines", err.toString(StandardCharsets.UTF_8),
                containsString("hashing Grüße Welt+1.dat: 100% (293.0 KiB of 293.0 KiB)"));
    }

    @Test
    void aFolderGetsABaseUrlEndingInASlash() throws Exception {
        int code = run("multi", "-o", "out/m.torrent", "--webseed=http://h/seed");
        assertThat(err.toString(StandardCharsets.UTF_8), code, is(1));
        assertThat("output folder must exist", err.toString(StandardCharsets.UTF_8), containsString("m.torrent"));
        Files.createDirectories(cwd.resolve("out"));
        err.reset();
        code = run("multi", "-o", "out/m.torrent", "--webseed=http://h/seed");
        assertThat(err.toString(StandardCharsets.UTF_8), code, is(0));
        byte[] file = Files.readAllBytes(cwd.resolve("out/m.torrent"));
        BDict torrent = (BDict) BencodeReader.decode(file);
        assertThat("slash added (BEP 19)", torrent.list("url-list").orElseThrow(),
                is(BList.of(BString.of("http://h/seed/"))));
        assertThat("no announce", torrent.get("announce").isPresent(), is(false));
        BList files = torrent.dict("info").orElseThrow().list("files").orElseThrow();
        assertThat("two visible files", files.values().size(), is(2));
        assertThat("info-hash", InfoHash.ofInfo(BencodeReader.rawValue(file, "info")),
                is(expected(cwd.resolve("multi"), 16384, false)));
    }

    @Test
    void anExistingOutputNeedsForce() throws Exception {
        assertThat("first", run("multi"), is(0));
        assertThat("second refused", run("multi"), is(1));
        assertThat("says so", err.toString(StandardCharsets.UTF_8), containsString("--force"));
        assertThat("forced", run("multi", "--force"), is(0));
    }

    @Test
    void namesWebseedClientsMangleAreRefusedOnlyWithAWebseed() {
        assertThat("no web seed: fine", run("bad#name.bin"), is(0));
        assertThat("with one: refused", run("bad#name.bin", "--force", "--webseed", "http://h/"), is(1));
        assertThat("names the file", err.toString(StandardCharsets.UTF_8), containsString("bad#name.bin"));
        assertThat("empty folder", run("empty"), is(1));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "--bogus multi", "multi --piece-length 1000", "multi --piece-length",
            "multi --webseed ftp://h/", "multi --webseed http://h/a b/", "multi other", "nothing-here", "-o x.torrent",
            "multi --hash-threads 0"})
    void badArgumentsExitWith2AndUsage(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertThat(line, run(args), is(2));
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat("usage", text, containsString("usage: torrent create PATH"));
        assertThat("a reason first", text, not(containsString("torrent create: usage")));
    }

    @Test
    void helpGoesToStandardOutput() {
        assertThat("exit", run("--help"), is(0));
        assertThat("usage", out.toString(StandardCharsets.UTF_8), containsString("--piece-length BYTES"));
    }

    @Test
    void theConsoleBarRedrawsOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, "hashing x");
        bar.update(0, 1000);
        bar.update(500, 1000);
        bar.update(500, 1000);
        bar.update(1000, 1000);
        bar.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat("three redraws", text.split("\r", -1).length - 1, is(3));
        assertThat("half", text, containsString("[###############---------------]  50%"));
        assertThat("one newline at the end", text.indexOf('\n'), is(text.length() - 1));
    }

    @Test
    void theBarFollowsPrehashingUntilIdle() throws Exception {
        WebseedConfig config = WebseedConfig.builder().set(Settings.CONTENT_ROOT, cwd).set(Settings.HASH_THREADS, 2)
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Publisher publisher = Publisher.builder(config, ContentRoot.open(config)).start()) {
            new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, "hashing").follow(publisher);
            Progress progress = publisher.progress();
            assertThat("idle", progress.torrentsHashing(), is(0));
            assertThat("Grüße…, multi, bad#name.bin (refused), empty (refused)", progress.torrentsReady(), is(2));
        }
        assertThat("ends at 100% of both torrents", bytes.toString(StandardCharsets.UTF_8),
                containsString("hashing: 100% (380.9 KiB of 380.9 KiB)"));
    }

    static InfoHash expected(Path target, long pieceLength, boolean privateFlag) throws Exception {
        Layout layout = Layout.scan(target, p -> true);
        try (PieceHasher hasher = new PieceHasher(1)) {
            byte[] pieces = hasher.hash(layout.files(), pieceLength, HashProgress.NONE);
            return Torrent.create(layout, pieceLength, pieces, privateFlag, Instant.EPOCH).infoHash();
        }
    }

    static void write(Path file, int length) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        Files.write(file, bytes);
    }
}
