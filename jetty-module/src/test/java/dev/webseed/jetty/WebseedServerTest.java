package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.webseed.Webseed;
import dev.webseed.config.Setting;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.jetty.cli.ServeCommand;
import dev.webseed.servlet.SeedServlet;
import dev.webseed.servlet.TorrentServlet;
import dev.webseed.servlet.TrackerServlet;

@ExtendWith(WorkDirExtension.class)
final class WebseedServerTest {
    WorkDir workDir;
    private Server server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void portZero_isBoundBeforeStartAndBecomesThePublicUrl() throws Exception {
        server = WebseedServer.createServer("127.0.0.1", 0, config().build());
        int port = WebseedServer.localPort(server);
        assertThat("a real port is bound before start", port, greaterThan(0));
        assertThat("publicUrl from the bound port", WebseedServer.publicUrl(server),
                is(URI.create("http://127.0.0.1:" + port + "/")));
        assertThat("listening URL", WebseedServer.listeningUrl(server), is(WebseedServer.publicUrl(server)));

        server.start();
        Webseed webseed = WebseedServer.webseed(server);
        assertThat("no publicUrl is invented: it comes from each request", webseed.config().find(Settings.PUBLIC_URL)
                .isPresent(), is(false));
        assertThat("content root", webseed.content().root(), is(workDir.getPath().toRealPath()));
    }

    /** Without --public-url a torrent names the host the client asked for. */
    @Test
    void withoutPublicUrl_aTorrentNamesTheRequestsHost() throws Exception {
        WebseedConfig config = config().build();
        Files.writeString(workDir.getPath().resolve("film.bin"), "film bytes");
        server = WebseedServer.createServer("127.0.0.1", 0, config);
        server.start();
        int port = WebseedServer.localPort(server);
        for (String host : new String[] {"example.test:1234", "films.example.com", "[2001:db8::1]:8443"}) {
            String answer = "";
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!answer.startsWith("HTTP/1.1 200") && System.nanoTime() < deadline) {
                answer = dev.webseed.testing.HostileRequests.send(port, "GET /torrent/film.bin.torrent HTTP/1.1\r\n"
                        + "Host: " + host + "\r\nConnection: close\r\n\r\n");
                if (!answer.startsWith("HTTP/1.1 200")) {
                    Thread.sleep(50); // hashing: 503 Retry-After
                }
            }
            assertThat(answer, org.hamcrest.Matchers.containsString("http://" + host + "/seed/film.bin"));
            assertThat(answer, org.hamcrest.Matchers.containsString("http://" + host + "/announce"));
        }
    }

    @Test
    void givenPublicUrl_isKept() throws Exception {
        server = WebseedServer.createServer("127.0.0.1", 0,
                config().parse("publicUrl", "https://films.example.com/origin/").build());
        assertThat("publicUrl", WebseedServer.publicUrl(server), is(URI.create("https://films.example.com/origin/")));
    }

    @Test
    void context_isWiredLikeWebXml() throws Exception {
        server = WebseedServer.createServer("127.0.0.1", 0, config().build());
        server.start();
        assertThat("/seed/*", servletAt("/seed/*"), is(SeedServlet.class.getName()));
        assertThat("/torrent/*", servletAt("/torrent/*"), is(TorrentServlet.class.getName()));
        assertThat("/announce", servletAt("/announce"), is(TrackerServlet.class.getName()));
        assertThat("/scrape", servletAt("/scrape"), is(TrackerServlet.class.getName()));
        ServletHandler handler = server.getDescendant(ServletContextHandler.class).getServletHandler();
        assertThat("servlet names of web.xml", Stream.of("/seed/*", "/torrent/*", "/announce", "/scrape")
                .map(spec -> handler.getServletMapping(spec).getServletName()).toList(),
                is(java.util.List.of("seed", "torrent", "tracker", "tracker")));
        assertThat("no gzip anywhere (W6)", server.getDescendant(
                org.eclipse.jetty.server.handler.gzip.GzipHandler.class), nullValue());
    }

    @Test
    void trackerDisabled_mapsNoTracker() throws Exception {
        server = WebseedServer.createServer("127.0.0.1", 0, config().parse("trackerEnabled", "false").build());
        server.start();
        assertThat("/announce", servletAt("/announce"), nullValue());
        assertThat("/seed/*", servletAt("/seed/*"), is(SeedServlet.class.getName()));
        HttpTester.Response response = get("/announce");
        assertThat("unmapped tracker", response.getStatus(), is(404));
    }

    @Test
    void realSocket_answersWithoutServerHeader() throws Exception {
        server = WebseedServer.createServer("127.0.0.1", 0, config().build());
        server.start();
        HttpTester.Response response = get("/no-such-endpoint");
        assertThat(response.toString(), response.getStatus(), is(404));
        assertThat("no Server header", response.get("Server"), nullValue());
        assertThat("no X-Powered-By header", response.get("X-Powered-By"), nullValue());
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # request target as clients send it (W9)                      reaches the servlet
            /seed/multi/Gr%C3%BC%C3%9Fe%20Welt%2B1.dat,                   true
            /seed/multi/Gr%c3%bc%c3%9fe%20Welt%2b1.dat,                   true
            /seed/multi/Gr%C3%BC%C3%9Fe%20Welt+1.dat,                     true
            /seed/multi/sub/nested%20file.bin,                            true
            /seed/colon:name.bin,                                         true
            /seed/it's%20x.bin,                                           true
            /seed/%5Bx%5D.bin,                                            true
            /seed/a;x=1/b.bin,                                            true
            /torrent/multi/Gr%C3%BC%C3%9Fe%20Welt%2B1.dat.torrent,        true
            /seed/50%25%20off.bin,                                        false
            /seed/a%2Fb.bin,                                              false
            /seed/%2e%2e/etc/passwd,                                      false
            /seed/it's%20[x].bin,                                         false
            /seed/50%%20off.bin,                                          false
            """)
    void uriCompliance_letsPublishedNamesThroughAndStopsAmbiguousOnes(String target, boolean reaches)
            throws Exception {
        server = WebseedServer.createServer("127.0.0.1", 0, config().build());
        server.start();
        HttpTester.Response response = get(target);
        // A servlet answers anything but 400 for these (501 while stubbed, 404/206 once real);
        // Jetty's URI compliance answers 400 before any servlet runs.
        if (reaches) {
            assertThat(target, response.getStatus(), not(is(400)));
        } else {
            assertThat(target, response.getStatus(), is(400));
        }
    }

    @ParameterizedTest
    @CsvSource({"/seed/a%2Fb.bin", "/seed/50%%20off.bin", "/seed/%2e%2e/etc/passwd"})
    void refusedBeforeAnyServlet_isPlainTextWithCors(String target) throws Exception {
        server = WebseedServer.createServer("127.0.0.1", 0, config().build());
        server.start();
        HttpTester.Response response = get(target);
        assertThat(target, response.getStatus(), is(400));
        assertThat(target, response.get("Content-Type"), org.hamcrest.Matchers.startsWith("text/plain"));
        assertThat(target, response.get("Access-Control-Allow-Origin"), is("*"));
        assertThat(target, response.getContent(), org.hamcrest.Matchers.containsString("400"));
        assertThat(target, response.getContent(), not(org.hamcrest.Matchers.containsString("<html")));
        assertThat("no stack trace", response.getContent(), not(org.hamcrest.Matchers.containsString("\tat ")));
    }

    static Stream<Arguments> settingsWithDefaults() {
        return Settings.all().stream().filter(s -> s.defaultValue().isPresent()).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("settingsWithDefaults")
    void contextParameterText_parsesBackToTheSameValue(Setting<?> setting) {
        Object value = setting.defaultValue().get();
        String text = WebseedServer.text(setting, value);
        assertThat(setting.name() + " as '" + text + "'", setting.parse(text), is(value));
    }

    @Test
    void badContentRoot_failsTheStart() {
        WebseedConfig config = WebseedConfig.builder()
                .set(Settings.CONTENT_ROOT, workDir.getPath().resolve("missing")).build();
        server = WebseedServer.createServer("127.0.0.1", 0, config);
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, server::start);
        assertThat("says why", ServeCommand.startFailure(e), org.hamcrest.Matchers.containsString("does not exist"));
    }

    private WebseedConfig.Builder config() throws IOException {
        Path root = workDir.getEmptyPathDir();
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        return WebseedConfig.builder().set(Settings.CONTENT_ROOT, root);
    }

    private String servletAt(String pathSpec) {
        ServletHandler handler = server.getDescendant(ServletContextHandler.class).getServletHandler();
        ServletMapping mapping = handler.getServletMapping(pathSpec);
        if (mapping == null) {
            return null;
        }
        ServletHolder holder = handler.getServlet(mapping.getServletName());
        return holder.getClassName();
    }

    /** One raw HTTP/1.1 request over a real loopback socket, target sent byte for byte. */
    private HttpTester.Response get(String target) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), WebseedServer.localPort(server))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return HttpTester.parseResponse(in);
        }
    }
}
