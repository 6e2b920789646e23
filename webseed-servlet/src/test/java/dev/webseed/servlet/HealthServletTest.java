package dev.webseed.servlet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.webseed.testing.Downloads;

/** {@code /health}: 200 when serving, 503 with a one-line reason otherwise. */
final class HealthServletTest {
    @TempDir
    Path root;

    @Test
    void servingSays200WithTheTorrentCount() throws Exception {
        try (ViewFixture f = ViewFixture.start(root)) {
            HttpResponse<String> response = f.get("health");
            assertThat(response.statusCode(), is(200));
            assertThat(response.body(), is("ok: 3 torrents ready\n"));
            assertThat(response.headers().firstValue("Content-Type").orElse(""), startsWith("text/plain"));
        }
    }

    @Test
    void aVanishedContentRootIs503() throws Exception {
        try (ViewFixture f = ViewFixture.start(root)) {
            Downloads.deleteTree(root);
            HttpResponse<String> response = f.get("health");
            assertThat(response.statusCode(), is(503));
            assertThat(response.body(), is("503 content root " + f.webseed.content().root() + " is gone\n"));
            Files.createDirectories(root);
        }
    }

    @Test
    void withoutARunningWebseedIs503Starting() throws Exception {
        Server server = new Server();
        LocalConnector connector = new LocalConnector(server);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(HealthServlet.class, "/health");
        server.setHandler(context);
        server.start();
        try {
            HttpTester.Response response = HttpTester.parseResponse(
                    connector.getResponse("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            assertThat(response.getStatus(), is(503));
            assertThat(response.getContent(), is("503 starting: webseed is not running yet\n"));
        } finally {
            server.stop();
        }
    }
}
