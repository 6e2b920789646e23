package dev.webseed.jetty.interop;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDir;
import org.eclipse.jetty.toolchain.test.jupiter.WorkDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;
import dev.webseed.jetty.WebseedServer;
import dev.webseed.testing.Downloads;
import dev.webseed.testing.HostileRequests;
import dev.webseed.testing.Interop;
import dev.webseed.testing.ServerProcess;

/**
 * The common studio set-up: the origin behind a reverse proxy (Debian's nginx on
 * loopback), no {@code publicUrl}. The torrent's URLs are the ones the client used at the proxy:
 * {@code X-Forwarded-Host} / {@code X-Forwarded-Proto} (or RFC 7239 {@code Forwarded}) are believed
 * from a {@code trustedProxies} address only. aria2 downloads through the proxy byte-exactly.
 */
@ExtendWith(WorkDirExtension.class)
final class ReverseProxyIT {
    WorkDir workDir;
    Server origin;
    ServerProcess nginx;

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.stop(Duration.ofSeconds(10));
        }
        if (origin != null) {
            origin.stop();
        }
    }

    @Test
    void behindNginx_torrentsNameWhatTheClientUsed_andAria2DownloadsThroughIt() throws Exception {
        Path nginxBin = Interop.require("/usr/sbin/nginx", "the reverse proxy");
        Path dir = workDir.getEmptyPathDir();
        Path content = dir.resolve("films");
        Path source = Downloads.content(content.resolve("film.bin"), 3 * 1024 * 1024 + 99, 3L);
        origin = WebseedServer.createServer("127.0.0.1", 0, WebseedConfig.builder()
                .set(Settings.CONTENT_ROOT, content).parse("trustedProxies", "127.0.0.1").build());
        origin.start();
        int originPort = WebseedServer.localPort(origin);
        int plain = freePort();
        int tls = freePort();
        int rfc = freePort();
        nginx = startNginx(nginxBin, dir.resolve("nginx"), originPort, plain, tls, rfc);

        // 1. a plain proxy: Host and scheme as the client used them; aria2 goes through nginx
        URI proxied = URI.create("http://127.0.0.1:" + plain + "/");
        byte[] torrent = Downloads.torrent(proxied.resolve("torrent/film.bin.torrent"), Duration.ofSeconds(60));
        String text = new String(torrent, StandardCharsets.ISO_8859_1);
        assertThat(text, containsString(proxied + "seed/film.bin"));
        assertThat(text, containsString(proxied + "announce"));
        assertThat("never the origin's own port", text, not(containsString(":" + originPort + "/")));
        Path torrentFile = Files.write(dir.resolve("film.torrent"), torrent);
        Downloads.aria2(torrentFile, dir.resolve("aria2"), Duration.ofSeconds(120));
        assertThat("SHA-256", Downloads.sha256(dir.resolve("aria2/film.bin")), is(Downloads.sha256(source)));

        // 2. TLS terminated at the proxy (X-Forwarded-Proto https, the public host name)
        String tlsTorrent = get(tls, "/torrent/film.bin.torrent", "films.example.test");
        assertThat(tlsTorrent, containsString("https://films.example.test/seed/film.bin"));
        assertThat(tlsTorrent, containsString("https://films.example.test/announce"));

        // 3. the same through RFC 7239 Forwarded
        String rfcTorrent = get(rfc, "/torrent/film.bin.torrent", "films.example.test");
        assertThat(rfcTorrent, containsString("https://films.example.test:8443/seed/film.bin"));
    }

    @Test
    void forwardingHeadersFromAnUntrustedAddressAreIgnored() throws Exception {
        Path content = workDir.getEmptyPathDir().resolve("films");
        Downloads.content(content.resolve("film.bin"), 100_000, 4L);
        origin = WebseedServer.createServer("127.0.0.1", 0, WebseedConfig.builder()
                .set(Settings.CONTENT_ROOT, content).build());
        origin.start();
        int port = WebseedServer.localPort(origin);
        String answer = getWith(port, "/torrent/film.bin.torrent", "origin.test:8080",
                "X-Forwarded-Host: evil.test\r\nX-Forwarded-Proto: https\r\nForwarded: host=evil.test;proto=https\r\n");
        assertThat(answer, containsString("http://origin.test:8080/seed/film.bin"));
        assertThat(answer, not(containsString("evil.test")));
    }

    private static String get(int port, String target, String host) throws Exception {
        return getWith(port, target, host, "");
    }

    /** A raw GET, repeated (bounded) while the origin hashes; the whole answer as text. */
    private static String getWith(int port, String target, String host, String headers) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String answer = HostileRequests.send(port, "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + headers + "Connection: close\r\n\r\n");
            if (answer.startsWith("HTTP/1.1 200") || System.nanoTime() > deadline) {
                assertThat(answer, answer.startsWith("HTTP/1.1 200"), is(true));
                return answer;
            }
            Thread.sleep(200);
        }
    }

    private static ServerProcess startNginx(Path nginx, Path prefix, int origin, int plain, int tls, int rfc)
            throws Exception {
        Files.createDirectories(prefix.resolve("logs"));
        String upstream = "http://127.0.0.1:" + origin;
        String conf = (isRoot() ? "user root;\n" : "") + """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    proxy_buffering off;
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass %2$s;
                            proxy_set_header X-Forwarded-Host $http_host;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_set_header X-Forwarded-For $remote_addr;
                        }
                    }
                    server {
                        listen 127.0.0.1:%4$d;
                        location / {
                            proxy_pass %2$s;
                            proxy_set_header X-Forwarded-Host $http_host;
                            proxy_set_header X-Forwarded-Proto https;
                        }
                    }
                    server {
                        listen 127.0.0.1:%5$d;
                        location / {
                            proxy_pass %2$s;
                            proxy_set_header Forwarded "for=$remote_addr;host=\\"$http_host:8443\\";proto=https";
                        }
                    }
                }
                """.formatted(prefix, upstream, plain, tls, rfc);
        Path file = Files.writeString(prefix.resolve("nginx.conf"), conf);
        ServerProcess process = ServerProcess.start(List.of(nginx.toString(), "-p", prefix.toString(), "-c",
                file.toString()), prefix, Map.of(), prefix.resolve("stdout.log"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!listening(plain) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat("nginx listens:\n" + process.tail(20), listening(plain), is(true));
        return process;
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
