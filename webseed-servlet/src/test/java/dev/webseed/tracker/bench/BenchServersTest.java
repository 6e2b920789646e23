package dev.webseed.tracker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The launchers bench/tracker-bench.sh starts answer the announce its wrk script sends, so the
 * bench cannot quietly measure refusals or a server that never came up.
 */
final class BenchServersTest {
    /** One announce as tracker-announce.lua builds it: binary info_hash and peer id, %-escaped. */
    private static final String ANNOUNCE = "/announce?info_hash=%A9%05%00%FF%10%20%30%40%50%60%70%80%90%A0%B0%C0%D0%E0%F0%01"
            + "&peer_id=-WB0001-%00%01%02%03%04%05%06%07%08%09%0A%0B&port=6881&uploaded=0&downloaded=0"
            + "&left=734003200&numwant=50&compact=1&no_peer_id=1&event=started";

    @Test
    void jettyTrackerAnswersPeers() throws Exception {
        Server server = TrackerServer.start(0, "numwantMax=50");
        try {
            String body = announce(((ServerConnector) server.getConnectors()[0]).getLocalPort());
            assertTrue(body.contains("8:intervali") && body.contains("5:peers"), body);
            assertFalse(body.contains("failure reason"), body);
        } finally {
            server.stop();
        }
    }

    @Test
    void tomcatTrackerAnswersPeers() throws Exception {
        Tomcat tomcat = TomcatTrackerServer.start(0, "numwantMax=50");
        try {
            String body = announce(tomcat.getConnector().getLocalPort());
            assertTrue(body.contains("8:intervali") && body.contains("5:peers"), body);
            assertFalse(body.contains("failure reason"), body);
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void floorAnswersItsFixedBody() throws Exception {
        Server server = TrackerServer.startFloor(0);
        try {
            assertEquals("d8:completei1e10:incompletei0e8:intervali1800e5:peers0:e",
                    announce(((ServerConnector) server.getConnectors()[0]).getLocalPort()));
        } finally {
            server.stop();
        }
    }

    private static String announce(int port) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ANNOUNCE)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return new String(response.body(), StandardCharsets.ISO_8859_1);
    }
}
