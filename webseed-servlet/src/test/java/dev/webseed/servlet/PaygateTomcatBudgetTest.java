package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.paygate.Ed25519PrivateKey;
import dev.webseed.paygate.PemKeys;
import dev.webseed.paygate.Scope;
import dev.webseed.paygate.TokenIssuer;
import dev.webseed.testing.RawGet;

/**
 * Tomcat's sendfile writes after the servlet returned, past any check, so it must not bypass a
 * byte budget: a span goes to sendfile only once all of it is reserved, else it takes the metered
 * path. Embedded Tomcat 10.1 with sendfile on, over a real loopback socket.
 */
final class PaygateTomcatBudgetTest {
    private static final int LENGTH = (3 << 20) + 12345;
    private static final int MIB = 1 << 20;

    @TempDir
    static Path base;
    private static Tomcat tomcat;
    private static int port;
    private static byte[] data;
    private static TokenIssuer issuer;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createDirectories(base.resolve("root/paid"));
        data = SeedFixture.bytes(LENGTH, 7);
        Files.write(root.resolve("film.bin"), data);
        Ed25519PrivateKey shop = Ed25519PrivateKey.generate();
        PemKeys.writePublicKeys(base.resolve("public.pem"), List.of(shop.publicKey()));
        issuer = TokenIssuer.of(shop);
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(base.resolve("tomcat")).toString());
        Connector connector = tomcat.getConnector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", Files.createDirectories(base.resolve("docs")).toString());
        context.addParameter("contentRoot", base.resolve("root").toString());
        context.addParameter("prehash", "false");
        context.addParameter("paygatePublicKeys", base.resolve("public.pem").toString());
        context.addParameter("paygateProtect", "paid/");
        context.addParameter("budgetChunkBytes", "64k");
        context.addApplicationListener(WebseedListener.class.getName());
        Tomcat.addServlet(context, "seed", new SeedServlet());
        context.addServletMapping("/seed/*", "seed");
        tomcat.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private static String token(long budget) {
        return issuer.token().subject("buyer").scope(Scope.path("paid/")).ttl(Duration.ofHours(2)).budget(budget)
                .issue().token();
    }

    @Test
    void sendfileRangesStopAtTheBudget_theLastOneIsMeteredToTheByte() throws Exception {
        long budget = 2L * MIB + 5000; // two whole 1 MiB ranges go to sendfile, the third is cut
        String path = "/seed/t/" + token(budget) + "/paid/film.bin";
        long served = 0;
        for (int i = 0; i < 3; i++) {
            long first = (long) i * MIB;
            RawGet r = RawGet.get(port, path, "Range: bytes=" + first + "-" + (first + MIB - 1));
            assertThat(r.head(), r.status(), is(206));
            assertThat("byte-exact", Arrays.equals(r.body(),
                    Arrays.copyOfRange(data, (int) first, (int) first + r.body().length)), is(true));
            served += r.body().length;
        }
        assertThat("exactly the budget, sendfile included", served, is(budget));
        assertThat("then refused", RawGet.get(port, path, "Range: bytes=0-99").status(), is(403));
    }

    @Test
    void parallelWholeFileRequests_neverPastTheBudget() throws Exception {
        long budget = MIB + 777;
        String path = "/seed/t/" + token(budget) + "/paid/film.bin";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long served = 0;
        try {
            List<Future<RawGet>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> RawGet.get(port, path)));
            }
            for (Future<RawGet> f : answers) {
                RawGet r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.head(), r.status(), anyOf(is(200), is(403)));
                if (r.status() == 200) {
                    assertThat("a byte-exact prefix", Arrays.equals(r.body(),
                            Arrays.copyOf(data, r.body().length)), is(true));
                    served += r.body().length;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat("8 whole-file requests of a 3 MiB file share the budget", served, is(budget));
    }
}
