package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * W10: a folder whose torrent holds exactly one file has its own URL ending in {@code /} as url-list
 * entry. WebTorrent requests that entry as it is, aria2 and Transmission append {@code name/path},
 * libtorrent the name alone; all three get the one file's bytes, for free and paid content. The
 * folder without the {@code /}, and any other folder, still has no bytes (404).
 */
@ExtendWith(WorkDirExtension.class)
final class SeedOneFileFolderTest {
    WorkDir workDir;
    PaygateFixture origin;
    byte[] solo;
    byte[] nested;
    byte[] paidSolo;

    @BeforeEach
    void start() throws Exception {
        Path dir = workDir.getEmptyPathDir();
        Path content = Files.createDirectories(dir.resolve("content"));
        solo = PaygateFixture.bytes(50_000, 21);
        nested = PaygateFixture.bytes(7_000, 22);
        paidSolo = PaygateFixture.bytes(30_000, 23);
        Files.createDirectories(content.resolve("solo"));
        Files.write(content.resolve("solo/only.bin"), solo);
        Files.createDirectories(content.resolve("nest/a"));
        Files.write(content.resolve("nest/a/deep.bin"), nested);
        Files.writeString(content.resolve("nest/.hidden"), "not part of the torrent");
        Files.createDirectories(content.resolve("two"));
        Files.writeString(content.resolve("two/a.bin"), "a");
        Files.writeString(content.resolve("two/b.bin"), "b");
        Files.createDirectories(content.resolve("paid/solo"));
        Files.write(content.resolve("paid/solo/film.bin"), paidSolo);
        origin = new PaygateFixture(dir, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        origin.close();
    }

    @Test
    void everyFormClientsUseForAOneFileFolderServesThatFile() throws Exception {
        // WebTorrent: the entry itself; libtorrent: entry + name; aria2, Transmission: entry + name/path
        for (String target : new String[] {"/seed/solo/", "/seed/solo/solo", "/seed/solo/solo/only.bin"}) {
            HttpTester.Response whole = origin.get(target);
            assertThat(target, whole.getStatus(), is(200));
            assertThat(target, Arrays.equals(whole.getContentBytes(), solo), is(true));
            HttpTester.Response range = origin.get(target, "Range: bytes=1000-1999");
            assertThat(target, range.getStatus(), is(206));
            assertThat(target, Arrays.equals(range.getContentBytes(), Arrays.copyOfRange(solo, 1000, 2000)), is(true));
        }
        for (String target : new String[] {"/seed/nest/", "/seed/nest/nest", "/seed/nest/nest/a/deep.bin"}) {
            HttpTester.Response deep = origin.get(target);
            assertThat(target + ": one file below sub-folders, hidden names aside", deep.getStatus(), is(200));
            assertThat(target, Arrays.equals(deep.getContentBytes(), nested), is(true));
        }
    }

    @Test
    void paidOneFileFoldersNeedTheirToken() throws Exception {
        String token = origin.token("paid/");
        for (String form : new String[] {"paid/solo/", "paid/solo/solo", "paid/solo/solo/film.bin"}) {
            assertThat(form, origin.get("/seed/" + form).getStatus(), is(403));
            assertThat(form, origin.get("/seed/t/" + origin.token("free/") + "/" + form).getStatus(), is(403));
            HttpTester.Response paid = origin.get("/seed/t/" + token + "/" + form, "Range: bytes=0-99");
            assertThat(form, paid.getStatus(), is(206));
            assertThat(form, Arrays.equals(paid.getContentBytes(), Arrays.copyOfRange(paidSolo, 0, 100)), is(true));
        }
    }

    @Test
    void otherFoldersStillHaveNoBytes() throws Exception {
        for (String target : new String[] {"/seed/two/", "/seed/two", "/seed/two/two", "/seed/", "/seed/paid/",
                "/seed/solo", "/seed/solo//", "/seed/solo/solo/other.bin", "/seed/missing/"}) {
            assertThat(target, origin.get(target).getStatus() == 200, is(false));
        }
        assertThat(origin.get("/seed/two/").getStatus(), is(404));
        assertThat("the url-list entry ends in /; without it the folder has no bytes", origin.get("/seed/solo")
                .getStatus(), is(404));
    }
}
