package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.paygate.Scope;
import dev.webseed.testing.RawGet;

/**
 * A byte budget is reserved before bytes are sent, so parallel connections of one
 * token together get at most the budget (in memory: exactly, since grants are clamped), where
 * they used to get one whole response each (16 x 32 MiB on a 1 MiB budget).
 */
@ExtendWith(WorkDirExtension.class)
final class PaygateBudgetTest {
    private static final int CHUNK = 16 << 10;
    public WorkDir workDir;
    private PaygateFixture origin;
    private int port;

    @BeforeEach
    void start() throws Exception {
        origin = new PaygateFixture(workDir.getEmptyPathDir(), Map.of("budgetChunkBytes", Integer.toString(CHUNK)));
        ServerConnector socket = new ServerConnector(origin.server);
        socket.setHost("127.0.0.1");
        origin.server.addConnector(socket);
        socket.start();
        port = socket.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        origin.close();
    }

    @Test
    void sixteenParallelWholeFileRequestsGetTheBudgetTogetherAndNotOneByteMore() throws Exception {
        long budget = 100_000; // a third of the 300,000-byte film, not a multiple of the chunk
        String token = origin.issuer.token().subject("buyer").scope(Scope.path("paid/")).ttl(Duration.ofHours(2))
                .budget(budget).issue().token();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<RawGet> answers = new ArrayList<>();
        try {
            List<Future<RawGet>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> RawGet.get(port, "/seed/t/" + token + "/paid/film.bin")));
            }
            for (Future<RawGet> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        long served = 0;
        for (RawGet answer : answers) {
            assertThat(answer.head(), answer.status(), anyOf(is(200), is(403)));
            if (answer.status() == 200) {
                byte[] body = answer.body();
                assertThat("a prefix of the film, byte-exact",
                        Arrays.equals(body, Arrays.copyOf(origin.film, body.length)), is(true));
                served += body.length;
            }
        }
        assertThat("never more than the budget over all connections", served, lessThanOrEqualTo(budget));
        assertThat("and all of it: grants are clamped to what is left", served, is(budget));
        RawGet after = RawGet.get(port, "/seed/t/" + token + "/paid/film.bin", "Range: bytes=0-0");
        assertThat("used up: refused before any header", after.status(), is(403));
    }
}
