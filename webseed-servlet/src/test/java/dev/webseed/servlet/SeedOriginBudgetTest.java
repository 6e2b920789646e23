package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.origin.OriginSnapshot;

/**
 * The origin budget ({@code webseedMaxRate}) through the servlet: concurrent web seed requests for
 * overlapping spans are paced, every one is answered 206 byte-exact (never 503: BEP 19 clients drop a
 * seed that refuses), and the counters tell first copies from repeats. No timing is asserted.
 */
final class SeedOriginBudgetTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path root;

    @Test
    void aBudgetPacesOverlappingRequestsAndRefusesNone() throws Exception {
        byte[] film = SeedFixture.bytes(2 * MIB, 11);
        SeedFixture.write(root.resolve("film.bin"), film);
        long[][] spans = {{0, MIB}, {MIB / 2, MIB}, {MIB, MIB}, {0, MIB}};
        // 4 MiB asked at 8 MB/s: about half a second, paced in 64 KiB grants
        try (SeedFixture fixture = SeedFixture.start(root, Map.of("webseedMaxRate", "8MB"))) {
            ExecutorService clients = Executors.newFixedThreadPool(spans.length);
            try {
                List<Future<HttpTester.Response>> responses = new ArrayList<>();
                for (long[] span : spans) {
                    String range = "Range: bytes=" + span[0] + "-" + (span[0] + span[1] - 1);
                    responses.add(clients.submit(() -> fixture.get("film.bin", range)));
                }
                for (int i = 0; i < spans.length; i++) {
                    HttpTester.Response response = responses.get(i).get(30, TimeUnit.SECONDS);
                    assertThat("span " + i + " status", response.getStatus(), is(206));
                    byte[] expected = Arrays.copyOfRange(film, (int) spans[i][0], (int) (spans[i][0] + spans[i][1]));
                    assertThat("span " + i + " bytes", Arrays.equals(response.getContentBytes(), expected), is(true));
                }
            } finally {
                clients.shutdownNow();
            }
            fixture.stats(); // waits until no request is in flight
            OriginSnapshot snapshot = fixture.webseed().origin().snapshot();
            OriginSnapshot.Counts counts = snapshot.under("film.bin");
            assertThat("the budget", snapshot.maxRate(), is(8_000_000L));
            assertThat("every block went out once as a first copy", counts.firstCopyBytes(), is(2L * MIB));
            assertThat("the rest were repeats", counts.repeatBytes(), is(2L * MIB));
            assertThat("responses waited for the budget", counts.paced(), greaterThan(Duration.ZERO));
            assertThat("the total is the sum", snapshot.total(), is(counts));
        }
    }

    @Test
    void withoutABudgetBytesAreOnlyCounted() throws Exception {
        byte[] film = SeedFixture.bytes(MIB, 12);
        SeedFixture.write(root.resolve("film.bin"), film);
        try (SeedFixture fixture = SeedFixture.start(root)) {
            for (int i = 0; i < 2; i++) {
                HttpTester.Response response = fixture.get("film.bin");
                assertThat(response.getStatus(), is(200));
                assertThat(Arrays.equals(response.getContentBytes(), film), is(true));
            }
            assertThat("a HEAD sends no bytes", fixture.request("HEAD", "film.bin").getStatus(), is(200));
            fixture.stats();
            OriginSnapshot snapshot = fixture.webseed().origin().snapshot();
            assertThat("unlimited", snapshot.maxRate(), is(0L));
            assertThat(snapshot.under("film.bin"), is(new OriginSnapshot.Counts(MIB, MIB, Duration.ZERO, 0)));
        }
    }
}
