package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may read the operator pages. The test client always connects from 127.0.0.1.
 *
 * <pre>
 * statsAllow        trustedProxies  X-Forwarded-For  /stats /metrics /status   /  /health
 * (default: loopback) -              -                200                       200
 * 10.0.0.0/8        -                -                403                       200
 * 10.0.0.0/8        127.0.0.1        10.1.2.3         200
 * 10.0.0.0/8        127.0.0.1        192.0.2.9        403
 * 10.0.0.0/8        -                10.1.2.3         403 (the header of an untrusted socket is ignored)
 * </pre>
 */
final class StatsAccessServletTest {
    private static final List<String> RESTRICTED = List.of("stats", "metrics", "status");

    @TempDir
    Path root;

    @Test
    void loopbackByDefault() throws Exception {
        try (ViewFixture f = ViewFixture.start(root)) {
            for (String page : RESTRICTED) {
                assertThat(page, f.get(page).statusCode(), is(200));
            }
        }
    }

    @Test
    void othersGet403AndNoData() throws Exception {
        try (ViewFixture f = ViewFixture.start(root, Map.of("statsAllow", "10.0.0.0/8"))) {
            for (String page : RESTRICTED) {
                HttpResponse<String> response = f.get(page);
                assertThat(page, response.statusCode(), is(403));
                assertThat(page, response.body(), containsString("statsAllow"));
                assertThat(page, response.body(), not(containsString(f.infoHash("data.bin").hex())));
            }
            assertThat("/ is public", f.get("").statusCode(), is(200));
            assertThat("/health is public", f.get("health").statusCode(), is(200));
            assertThat("an untrusted socket's forwarding header is ignored",
                    f.get("stats", "X-Forwarded-For", "10.1.2.3").statusCode(), is(403));
        }
    }

    @Test
    void behindATrustedProxyTheForwardedClientCounts() throws Exception {
        try (ViewFixture f = ViewFixture.start(root, Map.of("statsAllow", "10.0.0.0/8",
                "trustedProxies", "127.0.0.1"))) {
            assertThat(f.get("stats", "X-Forwarded-For", "10.1.2.3").statusCode(), is(200));
            assertThat(f.get("metrics", "Forwarded", "for=10.9.9.9").statusCode(), is(200));
            assertThat(f.get("status", "X-Forwarded-For", "192.0.2.9").statusCode(), is(403));
            assertThat("a proxy that names no client: the proxy itself, not allowed", f.get("stats").statusCode(),
                    is(403));
        }
    }

    @Test
    void onlyGetAndHead() throws Exception {
        try (ViewFixture f = ViewFixture.start(root)) {
            HttpResponse<String> post = f.send("POST", "stats");
            assertThat(post.statusCode(), is(405));
            assertThat(post.headers().firstValue("Allow").orElse(""), is("GET, HEAD"));
            HttpResponse<String> head = f.send("HEAD", "stats");
            assertThat(head.statusCode(), is(200));
            assertThat(head.body(), is(""));
        }
    }
}
