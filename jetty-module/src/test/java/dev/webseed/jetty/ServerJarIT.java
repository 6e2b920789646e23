package dev.webseed.jetty;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runnable jar, as a user runs it: {@code java -jar webseed-server.jar serve --port 0} in a
 * folder without {@code content/} creates the sample, prints its listening URL and the sample's
 * {@code .torrent} URL, serves that torrent, and stops cleanly on SIGTERM (the shutdown hook).
 */
@ExtendWith(WorkDirExtension.class)
final class ServerJarIT {
    WorkDir workDir;

    @Test
    void serve_withNoContent_createsSampleServesItsTorrentAndStopsOnSigterm() throws Exception {
        Path jar = Path.of("target", "webseed-server.jar").toAbsolutePath();
        assertThat("built by the package phase", Files.isRegularFile(jar), is(true));
        Path dir = workDir.getEmptyPathDir();
        Path log = dir.resolve("server.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "serve", "--port", "0").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        List<String> lines = new ArrayList<>();
        try {
            for (int i = 0; i < 600 && !lines.contains("Press Ctrl-C to stop.") && process.isAlive(); i++) {
                Thread.sleep(100);
                lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            }
            assertThat("started: " + lines, lines.contains("Press Ctrl-C to stop."), is(true));
            List<String> output = lines;
            String listening = output.stream().filter(l -> l.startsWith("Listening on http://127.0.0.1:")).findFirst()
                    .orElseThrow(() -> new AssertionError("no Listening line in " + output));
            URI base = URI.create(listening.substring("Listening on ".length()));
            assertThat("sample created", Files.readString(dir.resolve("content/welcome.txt")),
                    containsString("Webseed"));
            String torrentUrl = base + "torrent/welcome.txt.torrent";
            assertThat("printed", output.stream().anyMatch(l -> l.trim().equals(torrentUrl)), is(true));

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<byte[]> response = null;
            for (int attempt = 0; attempt < 120; attempt++) {
                response = http.send(HttpRequest.newBuilder(URI.create(torrentUrl)).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 503) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(torrentUrl, response.statusCode(), is(200));
            assertThat("a bencoded dictionary", (char) response.body()[0], is('d'));
        } finally {
            process.destroy();   // SIGTERM: the JVM runs Jetty's shutdown hook
            boolean stopped = process.waitFor(20, TimeUnit.SECONDS);
            if (!stopped) {
                process.destroyForcibly();
            }
            assertThat("stopped within 20 s of SIGTERM", stopped, is(true));
        }
    }

    @Test
    void tokenRevoke_withRedisUrl_butWithoutTheRedisModule_saysSo() throws Exception {
        Path jar = Path.of("target", "webseed-server.jar").toAbsolutePath();
        Path log = workDir.getEmptyPathDir().resolve("revoke.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "token", "revoke", "--id", "3f9a0c2e5b7d41a8b6e0f1c2d3e4f5a6", "--redis-url",
                "redis://127.0.0.1:1/0").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat("ends", process.waitFor(60, TimeUnit.SECONDS), is(true));
        assertThat("exit code", process.exitValue(), is(1));
        assertThat(Files.readString(log), containsString("--redis-url needs the webseed-redis module"));
    }
}
