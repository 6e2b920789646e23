package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.webseed.paygate.Scope;
import dev.webseed.testing.RawGet;
import dev.webseed.testing.RedisServer;

/**
 * Redis killed and started again under a running server (README "Several servers", Redis away): the
 * tracker answers a failure reason with the refusal interval, free content and unbudgeted paid
 * content keep being served byte-exactly, a budgeted token gets a 503 with no byte, nothing
 * answers 500; when Redis is back everything works again without a restart.
 */
@ExtendWith(WorkDirExtension.class)
final class RedisAwayTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    private static final String ANNOUNCE = "/announce?info_hash=%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e"
            + "%5e%5e%5e%5e&peer_id=-WS0001-000000000001&port=6881&uploaded=0&downloaded=0&left=10&compact=1";

    public WorkDir workDir;
    private Fleet fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new Fleet(workDir.getEmptyPathDir(), 1, Map.of("redisUrl", REDIS.url(), "redisTimeout", "2s",
                "trackerOpen", "true", "refusalInterval", "15s"));
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
    }

    private RawGet get(String target, String... headers) throws Exception {
        return RawGet.get(fleet.node(0).port(), target, headers);
    }

    private String token(long budget) {
        var b = fleet.issuer.token().subject("buyer").scope(Scope.path("paid/")).ttl(Duration.ofHours(2));
        return (budget > 0 ? b.budget(budget) : b).issue().token();
    }

    private static String text(RawGet r) {
        return new String(r.body(), StandardCharsets.ISO_8859_1);
    }

    private boolean filmRange(RawGet r) {
        return r.status() == 206 && Arrays.equals(r.body(), Arrays.copyOfRange(fleet.film, 1000, 2000));
    }

    @Test
    void redisKilled_definedAnswersAndNo500_thenRecoveryWithoutRestart() throws Exception {
        String budgeted = token(1_000_000);
        String unbudgeted = token(0);
        assertThat(text(get(ANNOUNCE)), containsString("8:completei"));
        assertThat(filmRange(get("/seed/t/" + budgeted + "/paid/film.bin", "Range: bytes=1000-1999")), is(true));

        REDIS.kill();

        RawGet announce = get(ANNOUNCE);
        assertThat("HTTP 200, as every tracker answer", announce.status(), is(200));
        assertThat("a failure reason, never a wrong peer", text(announce),
                containsString("failure reason44:tracker state unavailable, try again shortly"));
        assertThat("with the refusal interval", text(announce), containsString("8:intervali15e"));
        RawGet scrape = get("/scrape?info_hash=%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e%5e");
        assertThat(text(scrape), containsString("failure reason"));
        RawGet free = get("/seed/free.bin");
        assertThat("free content needs no shared state", free.status(), is(200));
        assertThat(Arrays.equals(free.body(), fleet.free), is(true));
        assertThat("an unbudgeted token needs no shared count: served (revocations as last read)",
                filmRange(get("/seed/t/" + unbudgeted + "/paid/film.bin", "Range: bytes=1000-1999")), is(true));
        RawGet budget = get("/seed/t/" + budgeted + "/paid/film.bin", "Range: bytes=1000-1999");
        assertThat("a budgeted token fails closed: 503, no byte", budget.status(), is(503));
        assertThat(budget.head(), containsString("Retry-After: 5"));
        assertThat(text(budget), containsString("byte budget store unavailable"));
        RawGet torrent = get("/torrent/free.bin.torrent");
        assertThat("never a 500", torrent.status(), not(is(500)));

        REDIS.restart();

        // bounded wait on a real event: the client reconnects on its own
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (text(get(ANNOUNCE)).contains("failure reason") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat("the tracker is back without a restart", text(get(ANNOUNCE)), containsString("8:completei"));
        assertThat("budgeted downloads are back", filmRange(get("/seed/t/" + budgeted + "/paid/film.bin",
                "Range: bytes=1000-1999")), is(true));
    }
}
