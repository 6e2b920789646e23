package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jetty.http.HttpTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** W17: browser WebTorrent needs a preflight answer and ACAO on every response. */
final class SeedCorsTest {
    private static final String EXPOSED =
            "Content-Range, Content-Length, Accept-Ranges, ETag, Retry-After, Content-Disposition";

    @TempDir
    Path root;

    @Test
    void w17_preflightIs204WithMethodsHeadersAndMaxAge() throws Exception {
        try (SeedFixture seed = SeedFixture.start(root)) {
            HttpTester.Response response = seed.request("OPTIONS", "data.bin", "Origin: https://app.example",
                    "Access-Control-Request-Method: GET",
                    "Access-Control-Request-Headers: cache-control, range, user-agent");
            assertThat(response.toString(), response.getStatus(), is(204));
            assertThat(response.toString(), response.get("Access-Control-Allow-Origin"), is("*"));
            assertThat(response.toString(), response.get("Access-Control-Allow-Methods"), is("GET, HEAD, OPTIONS"));
            assertThat(response.toString(), response.get("Access-Control-Allow-Headers"),
                    is("cache-control, range, user-agent"));
            assertThat(response.toString(), response.get("Access-Control-Max-Age"), is("600"));
            assertThat(response.toString(), response.get("Allow"), is("GET, HEAD, OPTIONS"));
        }
    }

    @Test
    void w17_preflightWithoutRequestedHeadersAllowsTheRangeClientSet() throws Exception {
        try (SeedFixture seed = SeedFixture.start(root)) {
            HttpTester.Response plain = seed.request("OPTIONS", "data.bin", "Origin: https://app.example",
                    "Access-Control-Request-Method: GET");
            assertThat(plain.toString(), plain.get("Access-Control-Allow-Headers"),
                    is("Range, Cache-Control, User-Agent, If-Range, If-None-Match, If-Modified-Since"));
            HttpTester.Response odd = seed.request("OPTIONS", "data.bin", "Origin: https://app.example",
                    "Access-Control-Request-Method: GET", "Access-Control-Request-Headers: range;<script>");
            assertThat("not echoed when it is no header list", odd.get("Access-Control-Allow-Headers"),
                    is("Range, Cache-Control, User-Agent, If-Range, If-None-Match, If-Modified-Since"));
        }
    }

    @Test
    void w17_allowOriginOnEveryResponseIncludingErrors() throws Exception {
        try (SeedFixture seed = SeedFixture.start(root)) {
            HttpTester.Response[] responses = {
                seed.get("data.bin", "Origin: https://app.example", "Range: bytes=0-9"), // 206
                seed.get("data.bin", "Origin: https://app.example"), // 200
                seed.get("data.bin", "Origin: https://app.example", "Range: bytes=5000-"), // 416
                seed.get("data.bin", "If-None-Match: *"), // 304
                seed.get("data.bin", "If-Match: \"nope\""), // 412
                seed.get("missing.bin", "Origin: https://app.example"), // 404
                seed.get("x".repeat(5000)), // 414
                seed.request("HEAD", "data.bin"),
                seed.raw("POST /ctx/seed/data.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"), // 405
            };
            for (HttpTester.Response response : responses) {
                assertThat(response.toString(), response.get("Access-Control-Allow-Origin"), is("*"));
                assertThat(response.toString(), response.get("Access-Control-Expose-Headers"), is(EXPOSED));
            }
            int[] statuses = new int[responses.length];
            for (int i = 0; i < responses.length; i++) {
                statuses[i] = responses[i].getStatus();
            }
            assertThat(java.util.Arrays.toString(statuses), statuses,
                    is(new int[] {206, 200, 416, 304, 412, 404, 414, 200, 405}));
        }
    }

    @Test
    void w17_allowOriginOnTheServletsOwn400() throws Exception {
        // Jetty's default URI compliance refuses %2F itself (a container page without CORS headers);
        // with those checks off, the servlet's own 400 carries them
        try (SeedFixture seed = SeedFixture.startLenient(root)) {
            HttpTester.Response response = seed.get("a%2Fb", "Origin: https://app.example");
            assertThat(response.toString(), response.getStatus(), is(400));
            assertThat(response.toString(), response.get("Access-Control-Allow-Origin"), is("*"));
            assertThat(response.toString(), response.get("Access-Control-Expose-Headers"), is(EXPOSED));
        }
    }

    @Test
    void w17_aConfiguredOriginIsSentAsIs() throws Exception {
        try (SeedFixture seed = SeedFixture.start(root,
                Map.of("corsAllowOrigin", "https://films.example", "corsMaxAge", "1h"))) {
            HttpTester.Response get = seed.get("missing.bin", "Origin: https://films.example");
            assertThat(get.toString(), get.get("Access-Control-Allow-Origin"), is("https://films.example"));
            HttpTester.Response preflight = seed.request("OPTIONS", "data.bin", "Origin: https://films.example",
                    "Access-Control-Request-Method: GET");
            assertThat(preflight.toString(), preflight.get("Access-Control-Max-Age"), is("3600"));
        }
    }

    @Test
    void w17_emptyOriginSwitchesCorsOff() throws Exception {
        try (SeedFixture seed = SeedFixture.start(root, Map.of("corsAllowOrigin", ""))) {
            HttpTester.Response get = seed.get("data.bin", "Origin: https://app.example");
            assertThat(get.toString(), get.getStatus(), is(200));
            assertThat(get.toString(), get.get("Access-Control-Allow-Origin"), nullValue());
            HttpTester.Response preflight = seed.request("OPTIONS", "data.bin", "Origin: https://app.example",
                    "Access-Control-Request-Method: GET");
            assertThat(preflight.toString(), preflight.getStatus(), is(204));
            assertThat(preflight.toString(), preflight.get("Access-Control-Allow-Methods"), nullValue());
        }
    }
}
