package dev.webseed.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.content.ContentRoot;
import dev.webseed.http.RequestPath;
import dev.webseed.paygate.Paygate;
import dev.webseed.testing.HeldExecutor;
import dev.webseed.testing.SteppingClock;

/** The torrent endpoint's answers without a container: decoded path and base URL in, answer out. */
@ExtendWith(WorkDirExtension.class)
final class TorrentServiceTest {
    private static final URI BASE = URI.create("https://films.example/shop/");
    WorkDir workDir;
    Path root;
    final HeldExecutor runs = new HeldExecutor();
    Publisher publisher;
    TorrentService service;
    WebseedConfig config;

    @BeforeEach
    void start() throws IOException {
        root = workDir.getEmptyPathDir().resolve("root");
        Files.createDirectories(root.resolve("Season 1"));
        Files.write(root.resolve("film.bin"), new byte[40_000]);
        Files.write(root.resolve("Season 1/ep1.bin"), new byte[30_000]);
        Files.write(root.resolve("bad#name.bin"), new byte[10]);
        // the runs are released by hand here, so no request waits for them (torrentWait 0)
        config = WebseedConfig.builder().set(Settings.CONTENT_ROOT, root).set(Settings.TORRENT_WAIT, Duration.ZERO)
                .build();
        publisher = Publisher.builder(config, ContentRoot.open(config))
                .clock(new SteppingClock(Instant.parse("2026-11-27T00:00:00Z"))).runs(runs).start();
        service = new TorrentService(config, publisher, Paygate.open());
    }

    @AfterEach
    void stop() {
        publisher.close();
    }

    private TorrentAnswer answer(String... segments) {
        return service.answer(RequestPath.of(List.of(segments)), BASE);
    }

    /**
     * The first request for a path not hashed yet waits for the hashing (up to
     * {@code torrentWait}) and gets the torrent, not a 503 that clients handed the URL give up on.
     */
    @Test
    void theFirstRequestWaitsForItsHashingAndGetsTheTorrent() throws Exception {
        TorrentService waiting = new TorrentService(config.toBuilder().set(Settings.TORRENT_WAIT,
                Duration.ofMinutes(10)).build(), publisher, Paygate.open());
        CompletableFuture<TorrentAnswer> first = CompletableFuture.supplyAsync(
                () -> waiting.answer(RequestPath.of(List.of("Season 1.torrent")), BASE));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runs.pending() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the request has queued its run and waits for it
        }
        assertThat("still waiting", first.isDone(), is(false));
        runs.runAll();
        TorrentAnswer answer = first.get(60, TimeUnit.SECONDS);
        assertThat(answer.reason(), answer.status(), is(200));
        assertThat(answer.contentType(), is("application/x-bittorrent"));
    }

    @Test
    void aHashingPublicationIs503WithRetryAfterThenTheTorrent() throws Exception {
        TorrentAnswer hashing = answer("film.bin.torrent");
        assertThat("503 while hashed (not a webseed client: W12 does not apply)", hashing.status(), is(503));
        assertThat(hashing.failed(), is(true));
        assertThat(hashing.reason(), startsWith("hashing film.bin: queued; try again in "));
        assertThat(hashing.headers().get("Retry-After"), is("2"));
        runs.runAll();

        TorrentAnswer ready = answer("film.bin.torrent");
        assertThat(ready.status(), is(200));
        assertThat(ready.contentType(), is("application/x-bittorrent"));
        assertThat(ready.headers().get("Content-Disposition"),
                is("attachment; filename=\"film.bin.torrent\"; filename*=UTF-8''film.bin.torrent"));
        assertThat(ready.headers().get("Cache-Control"), is("no-cache"));
        String body = new String(ready.body(), StandardCharsets.ISO_8859_1);
        assertThat(body, containsString("4:name8:film.bin"));
        assertThat("url-list: the full file URL (W10)", body,
                containsString("8:url-list" + "l" + "40:https://films.example/shop/seed/film.bin" + "e"));
        assertThat("announce from the base", body, containsString("8:announce35:https://films.example/shop/announce"));
    }

    @Test
    void aMagnetCarriesWsAndXs() throws Exception {
        publisher.request("Season 1");
        runs.runAll();
        TorrentAnswer magnet = answer("Season 1.magnet");
        assertThat(magnet.status(), is(200));
        assertThat(magnet.contentType(), is("text/plain;charset=utf-8"));
        String link = new String(magnet.body(), StandardCharsets.UTF_8);
        assertThat(link, startsWith("magnet:?xt=urn:btih:"));
        assertThat("a folder holding one file: its own URL with a slash, which WebTorrent requests (W10)", link,
                containsString("&ws=https%3A%2F%2Ffilms.example%2Fshop%2Fseed%2FSeason%25201%2F&"));
        assertThat(link, containsString("&xs=https%3A%2F%2Ffilms.example%2Fshop%2Ftorrent%2FSeason%25201.torrent"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "film.bin,              404, ask for",
            "film.bin.torrent.txt,  404, ask for",
            "missing.torrent,       404, no file or folder named 'missing'",
            ".torrent,              404, no file or folder",
            "bad#name.bin.torrent,  422, '#'",
    })
    void failuresHaveAPreciseStatusAndReason(String last, int status, String words) throws Exception {
        publisher.await("bad#name.bin");
        runs.runAll();
        TorrentAnswer answer = answer(last);
        assertThat(answer.status(), is(status));
        assertThat(answer.contentType(), nullValue());
        assertThat(answer.reason(), containsString(words));
    }

    @Test
    void aTokenSegmentOnFreeContentIsIgnored() throws Exception {
        publisher.request("film.bin");
        runs.runAll();
        TorrentAnswer answer = answer("t", "some.token", "film.bin.torrent");
        assertThat(answer.status(), is(200));
        assertThat("the plain torrent", answer.headers().get("Cache-Control"), is("no-cache"));
        assertThat(new String(answer.body(), StandardCharsets.ISO_8859_1), containsString("/shop/seed/film.bin"));
    }
}
