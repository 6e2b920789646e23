package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.paygate.Ed25519PrivateKey;
import dev.webseed.paygate.PemKeys;

/**
 * The embedded server's access log: one line per request, and never a token,
 * whether the request was served, refused by the paygate or refused by Jetty before any servlet.
 */
@ExtendWith(WorkDirExtension.class)
final class AccessLogTest {
    static final String TOKEN = "AAAAtokenSECRETpartZZZZ.payload-SECRET.signatureSECRET";
    WorkDir workDir;
    Server server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void everyRequestIsLoggedAndNoTokenEver() throws Exception {
        Path dir = workDir.getEmptyPathDir();
        Path content = Files.createDirectories(dir.resolve("content/paid"));
        Files.writeString(content.resolve("film.bin"), "film");
        Files.writeString(dir.resolve("content/free.txt"), "free");
        Path keys = dir.resolve("public.pem");
        PemKeys.writePublicKeys(keys, List.of(Ed25519PrivateKey.generate().publicKey()));
        WebseedConfig config = WebseedConfig.builder().set(Settings.CONTENT_ROOT, dir.resolve("content"))
                .set(Settings.PREHASH, false).parse("paygateProtect", "paid/")
                .parse("paygatePublicKeys", keys.toString()).build();
        server = WebseedServer.createServer("127.0.0.1", 0, config);
        Path log = dir.resolve("access.log");
        server.setRequestLog(WebseedServer.accessLog(log));
        server.start();
        int port = WebseedServer.localPort(server);
        List<String> targets = List.of(
                "/seed/t/" + TOKEN + "/paid/film.bin",
                "/torrent/t/" + TOKEN + "/paid/film.bin.torrent",
                "/seed/%74/" + TOKEN + "/paid/film.bin",
                "/announce?info_hash=%aa%aa%aa%aa%aa%aa%aa%aa%aa%aa%aa%aa%aa%aa%aa%aa%aa%aa%aa%aa&token=" + TOKEN,
                "/scrape?token=" + TOKEN,
                "/seed/t/" + TOKEN + "/%ZZ",           // refused by Jetty: bad escape
                "/seed/t/" + TOKEN + "/a%2Fb",         // refused by Jetty: ambiguous separator
                "/seed/free.txt");
        for (String target : targets) {
            raw(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        }
        server.stop();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(String.join("\n", lines), lines.size(), is(targets.size()));
        for (String line : lines) {
            assertThat(line, not(containsString("SECRET")));
        }
        // Jetty writes a line when the exchange completes, which may be after the client saw the close:
        // the lines are matched by content, not by position
        assertThat(lines, hasItem(containsString("\"GET /seed/t/***/paid/film.bin HTTP/1.1\" 403")));
        assertThat(lines, hasItem(containsString("\"GET /seed/free.txt HTTP/1.1\" 200")));
    }

    private static void raw(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            in.readAllBytes();
        }
    }
}
