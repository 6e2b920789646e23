package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.bencode.BencodeReader;
import dev.webseed.metainfo.Torrent;
import dev.webseed.publish.Publication;

/**
 * Symbolic links that stay inside the content root. The rules hold for what is
 * opened, not for the text of the request: a link may alias free, visible content, but never leads
 * into protected ({@code paygateProtect}) content, a hidden name or the hash cache; such a path is a
 * 404 on every endpoint and is left out of every folder torrent. A link whose own name is protected
 * but whose target is free needs the token its name needs (the stricter of the two).
 */
@ExtendWith(WorkDirExtension.class)
final class PaygateSymlinkTest {
    WorkDir workDir;
    PaygateFixture origin;
    Path root;

    @BeforeEach
    void start() throws Exception {
        Path dir = workDir.getEmptyPathDir();
        Path content = Files.createDirectories(dir.resolve("content"));
        Files.createDirectories(content.resolve("free/sub"));
        Files.write(content.resolve("free/a.bin"), PaygateFixture.bytes(4_000, 1));
        Files.createDirectories(content.resolve(".secret-dir"));
        Files.write(content.resolve(".secret"), PaygateFixture.bytes(100, 2));
        Files.write(content.resolve(".secret-dir/x.bin"), PaygateFixture.bytes(100, 3));
        // the class of links under test: into paid, into hidden, into the cache; folders and files; chains
        link(content, "alias_paid", "paid");
        link(content, "free/film_alias.bin", "../paid/film.bin");
        link(content, "free/sub/deep_alias.bin", "../../paid/pack/a.bin");
        link(content, "free/paid_dir", "../paid/pack");
        link(content, "free/chain.bin", "film_alias.bin");
        link(content, "link_hidden", ".secret");
        link(content, "link_hidden_dir", ".secret-dir");
        link(content, "free/cache_link", "../.webseed");
        link(content, "paid/latest.bin", "film.bin");
        // allowed: free aliases of free files, and a protected name for a free file
        link(content, "free/alias.bin", "a.bin");
        link(content, "paid/free_alias.bin", "../free/a.bin");
        origin = new PaygateFixture(dir, Map.of());
        root = origin.root;
    }

    private static void link(Path content, String link, String target) throws Exception {
        Files.createDirectories(content.resolve(link).getParent());
        Files.createSymbolicLink(content.resolve(link), Path.of(target));
    }

    @AfterEach
    void stop() throws Exception {
        origin.close();
    }

    @Test
    void aLinkIntoProtectedContentIs404WithOrWithoutAToken() throws Exception {
        String token = origin.token("paid/");
        for (String path : List.of("alias_paid/film.bin", "alias_paid/pack/a.bin", "free/film_alias.bin",
                "free/sub/deep_alias.bin", "free/paid_dir/a.bin", "free/chain.bin")) {
            assertThat(path, origin.get("/seed/" + path).getStatus(), is(404));
            assertThat(path + " with a token", origin.get("/seed/t/" + token + "/" + path).getStatus(), is(404));
        }
        // a protected name is judged on its name first (403 without a token, telling nothing), then on its target
        assertThat(origin.get("/seed/paid/latest.bin").getStatus(), is(403));
        assertThat(origin.get("/seed/t/" + token + "/paid/latest.bin").getStatus(), is(404));
        assertThat("the real file still works", origin.get("/seed/t/" + token + "/paid/film.bin").getStatus(),
                is(200));
    }

    @Test
    void aLinkToAHiddenNameOrTheCacheIs404() throws Exception {
        for (String path : List.of("link_hidden", "link_hidden_dir/x.bin", "free/cache_link")) {
            assertThat(path, origin.get("/seed/" + path).getStatus(), is(404));
        }
    }

    @Test
    void aLinkIntoProtectedContentIsNoPublication() throws Exception {
        for (String path : List.of("alias_paid", "free/film_alias.bin", "free/paid_dir", "link_hidden")) {
            Publication p = origin.webseed.publisher().await(path).get();
            assertThat(path + ": " + p, p instanceof Publication.NotFound, is(true));
            assertThat(path, origin.get("/torrent/" + path + ".torrent").getStatus(), is(404));
        }
    }

    @Test
    void aFreeFolderTorrentLeavesOutLinksIntoProtectedOrHiddenContent() throws Exception {
        origin.published("free");
        HttpTester.Response response = origin.get("/torrent/free.torrent");
        assertThat(response.toString(), response.getStatus(), is(200));
        Torrent torrent = Torrent.fromInfo(BencodeReader.rawValue(response.getContentBytes(), "info"), Instant.EPOCH);
        assertThat(torrent.files().stream().map(f -> String.join("/", f.path())).toList(),
                contains("a.bin", "alias.bin"));
    }

    @Test
    void aFreeAliasOfAFreeFileIsServed() throws Exception {
        HttpTester.Response response = origin.get("/seed/free/alias.bin");
        assertThat(response.getStatus(), is(200));
        assertThat(response.getContentBytes(), is(Files.readAllBytes(root.resolve("free/a.bin"))));
    }

    @Test
    void aProtectedNameForAFreeFileNeedsTheTokenItsNameNeeds() throws Exception {
        assertThat(origin.get("/seed/paid/free_alias.bin").getStatus(), is(403));
        HttpTester.Response response = origin.get("/seed/t/" + origin.token("paid/") + "/paid/free_alias.bin");
        assertThat(response.getStatus(), is(200));
        assertThat(response.getContentBytes(), is(Files.readAllBytes(root.resolve("free/a.bin"))));
    }
}
